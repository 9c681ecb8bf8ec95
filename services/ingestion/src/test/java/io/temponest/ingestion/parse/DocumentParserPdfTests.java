package io.temponest.ingestion.parse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.temponest.ingestion.parse.SampleDocuments.pdf;
import static io.temponest.ingestion.parse.SampleDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * PDFs generated with PDFBox, read back page by page, and the ones that cannot be read.
 */
class DocumentParserPdfTests {

	private final DocumentParser parser = new DocumentParser(ParserLimits.defaults());

	@Test
	void parseWhenOnePagePdfThenItsText() throws UnreadableDocumentException {
		ParsedText parsed = this.parser.parse(DocumentType.PDF, pdf("Page 1 content"));

		assertThat(parsed.text()).isEqualTo("Page 1 content");
		assertThat(parsed.pages()).isEqualTo(1);
	}

	@Test
	void parseWhenThreePagesThenPagesJoinedWithNewlinesInOrder() throws UnreadableDocumentException {
		ParsedText parsed = this.parser.parse(DocumentType.PDF,
				pdf("First page text", "Second page text", "Third page text"));

		assertThat(parsed.text()).isEqualTo("First page text\nSecond page text\nThird page text");
		assertThat(parsed.pages()).isEqualTo(3);
	}

	@Test
	void parseWhenUserPasswordThenUnreadableAsPasswordProtected() {
		byte[] encrypted = SampleDocuments.passwordProtectedPdf("Secret text");

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.PDF, encrypted))
			.extracting(UnreadableDocumentException::reason)
			.isEqualTo("the PDF is password-protected");
	}

	@Test
	void parseWhenOwnerForbidsExtractionThenUnreadable() {
		byte[] protectedPdf = SampleDocuments.copyProtectedPdf("Do not copy me");

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.PDF, protectedPdf))
			.extracting(UnreadableDocumentException::reason)
			.isEqualTo("the PDF does not permit copying its text");
	}

	@ParameterizedTest
	@ValueSource(ints = { 3, 2, 1 })
	void parseWhenTruncatedThenUnreadableEvenWhenTheTextSurvived(int thirdsKept) {
		byte[] whole = pdf("Text that will be cut off");
		byte[] truncated = Arrays.copyOf(whole, whole.length * thirdsKept / 3 - 10);

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.PDF, truncated))
			.withMessage("the PDF is incomplete (truncated)");
	}

	@Test
	void parseWhenTrailingBytesAfterEndMarkerThenStillRead() throws UnreadableDocumentException {
		byte[] whole = pdf("Text with a tail");
		byte[] withTail = Arrays.copyOf(whole, whole.length + 100);

		assertThat(this.parser.parse(DocumentType.PDF, withTail).text()).isEqualTo("Text with a tail");
	}

	@Test
	void parseWhenNotAPdfThenUnreadableAsInvalid() {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.PDF, utf8("just some words, no PDF here")))
			.withMessage("the file is not a valid PDF");
	}

	@Test
	void parseWhenPageHasNoTextThenUnreadableAsNoText() {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.PDF, pdf(" ")))
			.withMessage("no text could be extracted");
	}

	@Test
	void parseWhenTextLongerThanLimitThenUnreadableAsTooLong() {
		DocumentParser small = new DocumentParser(new ParserLimits(20, 100, 100L * 1024 * 1024));

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> small.parse(DocumentType.PDF, pdf("twelve chars", "twelve chars")))
			.withMessage("the text is longer than 20 characters");
	}

}
