package io.temponest.ingestion.document;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the Python literal of a dict, as {@code str(dict)} writes it (the Python SDK
 * sends upload metadata that way): strings in single or double quotes with escapes,
 * numbers, {@code True}, {@code False}, {@code None}, lists, tuples and nested dicts.
 */
final class PythonLiteral {

	private static final int MAX_DEPTH = 32;

	private final String text;

	private int at;

	private PythonLiteral(String text) {
		this.text = text;
	}

	/**
	 * Read a dict literal.
	 * @param text the literal
	 * @return the dict, keys as strings
	 * @throws IllegalArgumentException when the text is not a dict literal
	 */
	static Map<String, Object> dict(String text) {
		PythonLiteral reader = new PythonLiteral(text);
		reader.skipSpace();
		if (!reader.peek('{')) {
			throw new IllegalArgumentException("expected a dict");
		}
		Object value = reader.value(0);
		reader.skipSpace();
		if (reader.at != text.length()) {
			throw new IllegalArgumentException("unexpected text at position " + reader.at);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> dict = (Map<String, Object>) value;
		return dict;
	}

	private @Nullable Object value(int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("nested too deeply");
		}
		skipSpace();
		if (this.at >= this.text.length()) {
			throw new IllegalArgumentException("unexpected end");
		}
		char c = this.text.charAt(this.at);
		if (c == '{') {
			return dictBody(depth);
		}
		if (c == '[' || c == '(') {
			return sequence(depth, (c == '[') ? ']' : ')');
		}
		if (c == '\'' || c == '"') {
			return string(c);
		}
		if (this.text.startsWith("True", this.at)) {
			this.at += 4;
			return Boolean.TRUE;
		}
		if (this.text.startsWith("False", this.at)) {
			this.at += 5;
			return Boolean.FALSE;
		}
		if (this.text.startsWith("None", this.at)) {
			this.at += 4;
			return null;
		}
		return number();
	}

	private Map<String, Object> dictBody(int depth) {
		this.at++;
		Map<String, Object> dict = new LinkedHashMap<>();
		skipSpace();
		if (peek('}')) {
			this.at++;
			return dict;
		}
		while (true) {
			Object key = value(depth + 1);
			skipSpace();
			expect(':');
			Object value = value(depth + 1);
			dict.put(String.valueOf(key), value);
			skipSpace();
			if (peek(',')) {
				this.at++;
				skipSpace();
				if (peek('}')) {
					this.at++;
					return dict;
				}
				continue;
			}
			expect('}');
			return dict;
		}
	}

	private List<@Nullable Object> sequence(int depth, char close) {
		this.at++;
		List<@Nullable Object> list = new ArrayList<>();
		skipSpace();
		if (peek(close)) {
			this.at++;
			return list;
		}
		while (true) {
			list.add(value(depth + 1));
			skipSpace();
			if (peek(',')) {
				this.at++;
				skipSpace();
				if (peek(close)) {
					this.at++;
					return list;
				}
				continue;
			}
			expect(close);
			return list;
		}
	}

	private String string(char quote) {
		this.at++;
		StringBuilder value = new StringBuilder();
		while (this.at < this.text.length()) {
			char c = this.text.charAt(this.at++);
			if (c == quote) {
				return value.toString();
			}
			if (c != '\\') {
				value.append(c);
				continue;
			}
			if (this.at >= this.text.length()) {
				break;
			}
			char escaped = this.text.charAt(this.at++);
			switch (escaped) {
				case 'n' -> value.append('\n');
				case 't' -> value.append('\t');
				case 'r' -> value.append('\r');
				case '0' -> value.append('\0');
				case 'x' -> value.append((char) hex(2));
				case 'u' -> value.append((char) hex(4));
				case 'U' -> value.appendCodePoint(hex(8));
				default -> value.append(escaped);
			}
		}
		throw new IllegalArgumentException("unterminated string");
	}

	private int hex(int digits) {
		if (this.at + digits > this.text.length()) {
			throw new IllegalArgumentException("bad escape");
		}
		try {
			int code = Integer.parseInt(this.text.substring(this.at, this.at + digits), 16);
			this.at += digits;
			if (!Character.isValidCodePoint(code)) {
				throw new IllegalArgumentException("bad escape");
			}
			return code;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("bad escape");
		}
	}

	private Object number() {
		int start = this.at;
		while (this.at < this.text.length() && "+-0123456789.eE_".indexOf(this.text.charAt(this.at)) >= 0) {
			this.at++;
		}
		String literal = this.text.substring(start, this.at).replace("_", "");
		if (literal.isEmpty() || literal.length() > 64) {
			throw new IllegalArgumentException("unexpected text at position " + start);
		}
		try {
			if (literal.matches("[+-]?\\d+")) {
				BigInteger integer = new BigInteger(literal);
				return (integer.bitLength() < 64) ? (Object) integer.longValue() : integer;
			}
			return new BigDecimal(literal);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a number at position " + start);
		}
	}

	private boolean peek(char c) {
		return this.at < this.text.length() && this.text.charAt(this.at) == c;
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw new IllegalArgumentException("expected '" + c + "' at position " + this.at);
		}
		this.at++;
	}

	private void skipSpace() {
		while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
			this.at++;
		}
	}

}
