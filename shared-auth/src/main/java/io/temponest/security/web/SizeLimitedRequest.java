package io.temponest.security.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request whose body stream fails once more than a maximum number of bytes is read. */
final class SizeLimitedRequest extends HttpServletRequestWrapper {

	private final long maxBytes;

	private ServletInputStream limited;

	private BufferedReader reader;

	SizeLimitedRequest(HttpServletRequest request, long maxBytes) {
		super(request);
		this.maxBytes = maxBytes;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.limited == null) {
			this.limited = new LimitedInputStream(super.getInputStream(), this.maxBytes);
		}
		return this.limited;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		if (this.reader == null) {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}
		return this.reader;
	}

	/** Counts the bytes read and fails beyond the maximum. */
	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int next = this.delegate.read();
			if (next != -1) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws RequestBodyTooLargeException {
			this.read += bytes;
			if (this.read > this.maxBytes) {
				throw new RequestBodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
