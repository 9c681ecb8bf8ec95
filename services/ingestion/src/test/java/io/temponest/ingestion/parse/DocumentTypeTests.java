package io.temponest.ingestion.parse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.temponest.ingestion.parse.SampleDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection of a document's type by extension, declared content type and magic bytes.
 */
class DocumentTypeTests {

	private static final String OCTET_STREAM = "application/octet-stream";

	private static final byte[] SOME_BYTES = utf8("some bytes");

	@ParameterizedTest
	@CsvSource({ "report.pdf, PDF", "Report.PDF, PDF", "letter.docx, DOCX", "notes.md, MARKDOWN",
			"NOTES.Markdown, MARKDOWN", "plain.txt, TEXT", "plain.text, TEXT", "page.html, HTML", "page.HTM, HTML",
			"dir/sub/deep.pdf, PDF", "C:\\Users\\me\\file.md, MARKDOWN" })
	void detectWhenKnownExtensionThenTypeWhateverTheContent(String filename, DocumentType expected) {
		assertThat(DocumentType.detect(filename, OCTET_STREAM, SOME_BYTES)).contains(expected);
	}

	@Test
	void detectWhenExtensionAndContentTypeDisagreeThenExtensionWins() {
		assertThat(DocumentType.detect("readme.md", "text/html", SOME_BYTES)).contains(DocumentType.MARKDOWN);
	}

	@ParameterizedTest
	@CsvSource({ "application/pdf, PDF",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document, DOCX",
			"text/markdown; charset=UTF-8, MARKDOWN", "text/x-markdown, MARKDOWN", "text/plain, TEXT",
			"Text/HTML;charset=utf-8, HTML", "application/xhtml+xml, HTML" })
	void detectWhenNoExtensionThenSpecificContentTypeDecides(String contentType, DocumentType expected) {
		assertThat(DocumentType.detect("upload", contentType, new byte[] { 1, 2, 3 })).contains(expected);
	}

	@Test
	void detectWhenOctetStreamThenMagicBytesDecide() {
		assertThat(DocumentType.detect("upload.bin", OCTET_STREAM, SampleDocuments.pdf("x")))
			.contains(DocumentType.PDF);
		assertThat(DocumentType.detect("upload.bin", OCTET_STREAM,
				SampleDocuments.docx((document) -> document.createParagraph().createRun().setText("x"))))
			.contains(DocumentType.DOCX);
		assertThat(DocumentType.detect("upload", null, utf8("\uFEFF  <!DOCTYPE html><html><body>hi</body></html>")))
			.contains(DocumentType.HTML);
		assertThat(DocumentType.detect("upload", "", utf8("<HTML><body>hi</body></HTML>"))).contains(DocumentType.HTML);
	}

	@Test
	void detectWhenZipWithoutWordDocumentThenEmpty() {
		assertThat(DocumentType.detect("archive.zip", "application/zip", SampleDocuments.zip("a.txt", "b.txt")))
			.isEmpty();
	}

	@Test
	void detectWhenNoExtensionAndUtf8TextThenText() {
		assertThat(DocumentType.detect("README", OCTET_STREAM, utf8("Just a readme, with ümlauts.")))
			.contains(DocumentType.TEXT);
		assertThat(DocumentType.detect("LICENSE", null, new byte[] { 'a', 0, 'b' })).isEmpty();
		assertThat(DocumentType.detect("dump", null, new byte[] { 'a', (byte) 0xFF, 'b' })).isEmpty();
	}

	@Test
	void detectWhenUnsupportedDocumentThenEmpty() {
		byte[] ole2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

		assertThat(DocumentType.detect("legacy.doc", "application/msword", ole2)).isEmpty();
		assertThat(DocumentType.detect("legacy.doc", OCTET_STREAM, ole2)).isEmpty();
		assertThat(DocumentType.detect("photo.png", "image/png", png)).isEmpty();
		assertThat(DocumentType.detect("data.xyz", OCTET_STREAM, utf8("plain words"))).isEmpty();
		assertThat(DocumentType.detect("upload", OCTET_STREAM, new byte[0])).isEmpty();
	}

	@Test
	void contentTypeWhenAskedThenCanonical() {
		assertThat(List.of(DocumentType.values()).stream().map(DocumentType::contentType)).containsExactly(
				"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
				"text/markdown", "text/plain", "text/html");
	}

}
