package io.temponest.ingestion.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of a text file into a string: UTF-8 with its byte order mark stripped (UTF-16
 * when its byte order mark says so), malformed sequences decoded as replacement
 * characters, binary content refused.
 */
final class PlainText {

	private PlainText() {
	}

	static String decode(byte[] content) throws UnreadableDocumentException {
		String text;
		if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
			text = decode(content, 3, StandardCharsets.UTF_8);
		}
		else if (startsWith(content, 0xFE, 0xFF)) {
			text = decode(content, 2, StandardCharsets.UTF_16BE);
		}
		else if (startsWith(content, 0xFF, 0xFE)) {
			text = decode(content, 2, StandardCharsets.UTF_16LE);
		}
		else {
			text = decode(content, 0, StandardCharsets.UTF_8);
		}
		if (text.indexOf('\0') >= 0) {
			throw UnreadableDocumentException.notText();
		}
		return text;
	}

	private static String decode(byte[] content, int offset, Charset charset) {
		return new String(content, offset, content.length - offset, charset);
	}

	private static boolean startsWith(byte[] content, int... prefix) {
		if (content.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((content[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
