package io.temponest.ingestion.parse;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.temponest.ingestion.parse.SampleDocuments.DOCUMENT_XML;
import static io.temponest.ingestion.parse.SampleDocuments.docxWithTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * DOCX files generated with POI, read back with their tables, and zip bombs refused.
 */
class DocumentParserDocxTests {

	private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;

	private static final long FIFTY_MB = 50L * 1024 * 1024;

	private DocumentParser parser = new DocumentParser(ParserLimits.defaults());

	@AfterEach
	void restoreDefaultZipLimits() {
		this.parser = new DocumentParser(ParserLimits.defaults());
	}

	@Test
	void parseWhenParagraphsAndTableThenBothInDocumentOrder() throws UnreadableDocumentException {
		byte[] docx = docxWithTable(List.of("Quarterly report", "Revenue grew."),
				List.of(List.of("Region", "Revenue"), List.of("North", "42")));

		ParsedText parsed = this.parser.parse(DocumentType.DOCX, docx);

		assertThat(parsed.text()).isEqualTo("Quarterly report\nRevenue grew.\nRegion\nRevenue\nNorth\n42");
		assertThat(parsed.pages()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { DOCUMENT_XML, "word/media/filler.bin" })
	void parseWhenEntryExpandsBeyondDefaultMaxEntrySizeThenRefusedAsZipBomb(String entry) {
		byte[] bomb = SampleDocuments.zipBombDocx("Innocent paragraph", TWO_HUNDRED_MB, entry);
		assertThat(bomb.length).as("compressed size of the bomb").isLessThan(2 * 1024 * 1024);

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, bomb))
			.withMessage("the DOCX expands to more than 104,857,600 bytes: refused as a possible zip bomb");
	}

	@ParameterizedTest
	@ValueSource(strings = { DOCUMENT_XML, "word/media/filler.bin" })
	void parseWhenEntryInflatesFarBeyondItsCompressedSizeThenRefusedAsZipBomb(String entry) {
		byte[] bomb = SampleDocuments.zipBombDocx("Innocent paragraph", FIFTY_MB, entry);

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, bomb))
			.withMessage("the DOCX expands to more than 100 times its compressed size: refused as a possible zip bomb");
	}

	@Test
	void parseWhenCentralDirectoryUnderstatesTheBombThenPoiRefusesItWhileInflating() {
		byte[] bomb = SampleDocuments.withDeclaredSize(
				SampleDocuments.zipBombDocx("Innocent paragraph", FIFTY_MB, DOCUMENT_XML), DOCUMENT_XML, 10_000);

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, bomb))
			.withMessage("the DOCX expands to more than 100 times its compressed size: refused as a possible zip bomb")
			.withRootCauseInstanceOf(IOException.class);
	}

	@Test
	void parseWhenEntryExpandsBeyondMaxEntrySizeThenRefusedAsZipBomb() {
		DocumentParser strict = new DocumentParser(new ParserLimits(20_000_000, 100_000, 10L * 1024 * 1024));
		byte[] bomb = SampleDocuments.zipBombDocx("Innocent paragraph", 20L * 1024 * 1024, DOCUMENT_XML);
		byte[] understated = SampleDocuments.withDeclaredSize(bomb, DOCUMENT_XML, 10_000);

		for (byte[] docx : List.of(bomb, understated)) {
			assertThatExceptionOfType(UnreadableDocumentException.class)
				.isThrownBy(() -> strict.parse(DocumentType.DOCX, docx))
				.withMessage("the DOCX expands to more than 10,485,760 bytes: refused as a possible zip bomb");
		}
	}

	@Test
	void parseWhenMoreEntriesThanPoiAllowsThenRefusedAsZipBomb() throws UnreadableDocumentException {
		assertThat(this.parser.parse(DocumentType.DOCX, SampleDocuments.docxWithExtraEntries("Roomy", 900)).text())
			.isEqualTo("Roomy");
		byte[] crowded = SampleDocuments.docxWithExtraEntries("Crowded", 1000);

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, crowded))
			.withMessage("the DOCX holds too many parts: refused as a possible zip bomb");
	}

	@Test
	void parseWhenPaddingWithinLimitsThenTextRead() throws UnreadableDocumentException {
		byte[] padded = SampleDocuments.zipBombDocx("Innocent paragraph", 50_000, DOCUMENT_XML);

		assertThat(this.parser.parse(DocumentType.DOCX, padded).text()).isEqualTo("Innocent paragraph");
	}

	@Test
	void parseWhenEncryptedWithPasswordThenUnreadableAsPasswordProtected() {
		byte[] encrypted = SampleDocuments.passwordProtectedDocx("Secret paragraph");

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, encrypted))
			.withMessage("the DOCX is password-protected");
	}

	@Test
	void parseWhenLegacyOle2FileThenUnreadableAsInvalid() {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, SampleDocuments.ole2()))
			.withMessage("the file is not a valid DOCX");
	}

	@Test
	void parseWhenZipWithoutWordDocumentThenUnreadableAsInvalid() {
		byte[] zip = SampleDocuments.zip("readme.txt");

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, zip))
			.withMessage("the file is not a valid DOCX");
	}

	@Test
	void parseWhenNotAZipThenUnreadableAsInvalid() {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, SampleDocuments.pdf("a PDF, not a DOCX")))
			.withMessage("the file is not a valid DOCX");
	}

	@Test
	void parseWhenOnlyEmptyParagraphsThenUnreadableAsNoText() {
		byte[] docx = SampleDocuments.docx((document) -> {
			document.createParagraph();
			document.createParagraph().createRun().setText("   ");
		});

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.DOCX, docx))
			.withMessage("no text could be extracted");
	}

}
