package io.temponest.ingestion.parse;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.temponest.ingestion.parse.SampleDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Plain text decoding, and the rules every type shares: empty files, blank text, the
 * length limit.
 */
class DocumentParserTextTests {

	private final DocumentParser parser = new DocumentParser(ParserLimits.defaults());

	@Test
	void parseWhenUtf8ThenTextExactlyWithLineEndsNormalised() throws UnreadableDocumentException {
		ParsedText parsed = this.parser.parse(DocumentType.TEXT, utf8("Grüße, 世界 🌍\r\nline two\rline three"));

		assertThat(parsed.text()).isEqualTo("Grüße, 世界 🌍\nline two\nline three");
		assertThat(parsed.pages()).isEqualTo(1);
	}

	@Test
	void parseWhenByteOrderMarkThenStripped() throws UnreadableDocumentException {
		byte[] withBom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'e', 'l', 'l', 'o' };

		assertThat(this.parser.parse(DocumentType.TEXT, withBom).text()).isEqualTo("hello");
	}

	@Test
	void parseWhenUtf16WithByteOrderMarkThenDecoded() throws UnreadableDocumentException {
		byte[] utf16 = "\uFEFFhello wide world".getBytes(StandardCharsets.UTF_16LE);

		assertThat(this.parser.parse(DocumentType.TEXT, utf16).text()).isEqualTo("hello wide world");
	}

	@Test
	void parseWhenInvalidUtf8ThenDecodedWithReplacementCharacters() throws UnreadableDocumentException {
		byte[] invalid = { 'c', 'a', 'f', (byte) 0xC3, '(', ' ', 'o', 'k', (byte) 0xFF };

		assertThat(this.parser.parse(DocumentType.TEXT, invalid).text()).isEqualTo("caf\uFFFD( ok\uFFFD");
	}

	@Test
	void parseWhenNulBytesThenUnreadableAsNotText() {
		byte[] binary = { 'E', 'L', 'F', 0, 1, 2, 0, 0, 'x' };

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.TEXT, binary))
			.withMessage("the file is not text");
	}

	@Test
	void parseWhenBlankThenUnreadableAsNoText() {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.TEXT, utf8(" \n\t \r\n ")))
			.withMessage("no text could be extracted");
	}

	@Test
	void parseWhenLongerThanLimitThenUnreadableAsTooLong() throws UnreadableDocumentException {
		DocumentParser small = new DocumentParser(new ParserLimits(100, 100, 100L * 1024 * 1024));

		assertThat(small.parse(DocumentType.TEXT, utf8("x".repeat(100))).text()).hasSize(100);
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> small.parse(DocumentType.TEXT, utf8("x".repeat(101))))
			.withMessage("the text is longer than 100 characters");
	}

	@ParameterizedTest
	@EnumSource(DocumentType.class)
	void parseWhenZeroBytesThenUnreadableAsEmpty(DocumentType type) {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(type, new byte[0]))
			.withMessage("the file is empty");
	}

}
