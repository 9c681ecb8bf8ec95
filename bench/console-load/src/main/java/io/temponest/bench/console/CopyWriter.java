package io.temponest.bench.console;

import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Rows in PostgreSQL's COPY text format written into a fixed buffer that is handed to a
 * {@link Sink} whenever it fills up, so that a load of any size is streamed and never
 * held in memory. Only ASCII is written; free text goes through {@link #text(String)},
 * which escapes backslashes, tabs and line breaks.
 */
final class CopyWriter {

	private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private static final long MICROS_PER_DAY = 86_400_000_000L;

	private final Sink sink;

	private final byte[] buffer;

	private int length;

	private long bytes;

	private long cachedDay = Long.MIN_VALUE;

	private final byte[] cachedDate = new byte[10];

	/**
	 * A writer to a sink.
	 * @param sink where full buffers go
	 * @param bufferSize the buffer's size (at least 64 bytes, the longest value written
	 * in one piece)
	 */
	CopyWriter(Sink sink, int bufferSize) {
		this.sink = sink;
		this.buffer = new byte[Math.max(64, bufferSize)];
	}

	/** Where the buffered bytes go (a COPY FROM STDIN, or memory in tests). */
	@FunctionalInterface
	interface Sink {

		void write(byte[] bytes, int offset, int length) throws IOException;

	}

	/** How many bytes have been written so far. */
	long bytes() {
		return this.bytes + this.length;
	}

	private void ensure(int room) throws IOException {
		if (this.length + room > this.buffer.length) {
			flush();
		}
	}

	void flush() throws IOException {
		if (this.length > 0) {
			this.sink.write(this.buffer, 0, this.length);
			this.bytes += this.length;
			this.length = 0;
		}
	}

	private void put(byte b) throws IOException {
		if (this.length == this.buffer.length) {
			flush();
		}
		this.buffer[this.length++] = b;
	}

	/**
	 * Characters that need no escaping (ASCII, no backslash, tab or line break), as they
	 * are.
	 * @param plain the characters
	 * @return this writer
	 * @throws IOException when the sink fails
	 */
	CopyWriter ascii(String plain) throws IOException {
		int n = plain.length();
		for (int i = 0; i < n; i++) {
			put((byte) plain.charAt(i));
		}
		return this;
	}

	/**
	 * Free text with COPY's escapes; characters beyond ASCII are written as {@code ?}.
	 * @param text the text
	 * @return this writer
	 * @throws IOException when the sink fails
	 */
	CopyWriter text(String text) throws IOException {
		int n = text.length();
		for (int i = 0; i < n; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> ascii("\\\\");
				case '\t' -> ascii("\\t");
				case '\n' -> ascii("\\n");
				case '\r' -> ascii("\\r");
				default -> put((c < 0x80) ? (byte) c : (byte) '?');
			}
		}
		return this;
	}

	/** A line break inside a value (escaped). */
	CopyWriter lineBreak() throws IOException {
		return ascii("\\n");
	}

	/** The column separator. */
	CopyWriter tab() throws IOException {
		put((byte) '\t');
		return this;
	}

	/** The end of a row. */
	void endRow() throws IOException {
		put((byte) '\n');
	}

	/** SQL NULL. */
	CopyWriter nul() throws IOException {
		return ascii("\\N");
	}

	CopyWriter number(long value) throws IOException {
		if (value < 0) {
			put((byte) '-');
			value = -value;
		}
		ensure(20);
		if (value == 0) {
			this.buffer[this.length++] = '0';
			return this;
		}
		int start = this.length;
		while (value > 0) {
			this.buffer[this.length++] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		reverse(start, this.length - 1);
		return this;
	}

	/**
	 * A non-negative amount given in millionths, as a decimal with six places.
	 * @param millionths the amount times 1,000,000
	 * @return this writer
	 * @throws IOException when the sink fails
	 */
	CopyWriter decimal6(long millionths) throws IOException {
		number(millionths / 1_000_000);
		put((byte) '.');
		pad(millionths % 1_000_000, 6);
		return this;
	}

	CopyWriter uuid(UUID id) throws IOException {
		ensure(36);
		hex(id.getMostSignificantBits() >>> 32, 8);
		this.buffer[this.length++] = '-';
		hex(id.getMostSignificantBits() >>> 16, 4);
		this.buffer[this.length++] = '-';
		hex(id.getMostSignificantBits(), 4);
		this.buffer[this.length++] = '-';
		hex(id.getLeastSignificantBits() >>> 48, 4);
		this.buffer[this.length++] = '-';
		hex(id.getLeastSignificantBits(), 12);
		return this;
	}

	/**
	 * A UTC instant as {@code timestamptz} text, {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00}.
	 * @param epochMicros microseconds since the epoch (not before it)
	 * @return this writer
	 * @throws IOException when the sink fails
	 */
	CopyWriter timestamp(long epochMicros) throws IOException {
		date(epochMicros, (byte) ' ');
		time(epochMicros);
		ascii("+00");
		return this;
	}

	/**
	 * A UTC instant in ISO 8601 with milliseconds, {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (for
	 * log lines).
	 * @param epochMicros microseconds since the epoch
	 * @return this writer
	 * @throws IOException when the sink fails
	 */
	CopyWriter isoMillis(long epochMicros) throws IOException {
		date(epochMicros, (byte) 'T');
		long micros = Math.floorMod(epochMicros, MICROS_PER_DAY);
		long seconds = micros / 1_000_000;
		ensure(13);
		pad(seconds / 3600, 2);
		this.buffer[this.length++] = ':';
		pad((seconds / 60) % 60, 2);
		this.buffer[this.length++] = ':';
		pad(seconds % 60, 2);
		this.buffer[this.length++] = '.';
		pad((micros % 1_000_000) / 1000, 3);
		this.buffer[this.length++] = 'Z';
		return this;
	}

	private void date(long epochMicros, byte separator) throws IOException {
		long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
		if (day != this.cachedDay) {
			LocalDate date = LocalDate.ofEpochDay(day);
			String text = String.format("%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
			for (int i = 0; i < 10; i++) {
				this.cachedDate[i] = (byte) text.charAt(i);
			}
			this.cachedDay = day;
		}
		ensure(11);
		System.arraycopy(this.cachedDate, 0, this.buffer, this.length, 10);
		this.length += 10;
		this.buffer[this.length++] = separator;
	}

	private void time(long epochMicros) throws IOException {
		long micros = Math.floorMod(epochMicros, MICROS_PER_DAY);
		long seconds = micros / 1_000_000;
		ensure(15);
		pad(seconds / 3600, 2);
		this.buffer[this.length++] = ':';
		pad((seconds / 60) % 60, 2);
		this.buffer[this.length++] = ':';
		pad(seconds % 60, 2);
		this.buffer[this.length++] = '.';
		pad(micros % 1_000_000, 6);
	}

	private void pad(long value, int digits) throws IOException {
		ensure(digits);
		for (int i = digits - 1; i >= 0; i--) {
			this.buffer[this.length + i] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		this.length += digits;
	}

	private void hex(long value, int digits) {
		for (int i = digits - 1; i >= 0; i--) {
			this.buffer[this.length + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
		this.length += digits;
	}

	private void reverse(int from, int to) {
		while (from < to) {
			byte b = this.buffer[from];
			this.buffer[from++] = this.buffer[to];
			this.buffer[to--] = b;
		}
	}

}
