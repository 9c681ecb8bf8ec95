package io.temponest.bench.ingestion;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the corpus generator: the mix of formats, pages per document, characters per
 * page, and that the PDFs and DOCX files read back with the pages and text written.
 */
class CorpusTests {

	@Test
	void splitWhenThousandPagesThenFortyPercentPdfFortyDocxTwentyMarkdown() {
		assertThat(Corpus.split(1000)).containsExactly(400, 400, 200);
		assertThat(Corpus.split(30)).containsExactly(12, 12, 6);
		assertThat(Corpus.split(1)).containsExactly(0, 0, 1);
	}

	@Test
	void documentsWhenPagesNotAMultipleOfTenThenFullDocumentsAndAShorterLastOne() {
		assertThat(Corpus.documents(400)).hasSize(40).containsOnly(10);
		assertThat(Corpus.documents(12)).containsExactly(10, 2);
		assertThat(Corpus.documents(0)).isEmpty();
	}

	@Test
	void pageWhenGeneratedThenBetweenTwoAndAHalfAndThreeThousandCharactersOfAscii() {
		Prose prose = new Prose(7);
		for (int i = 0; i < 300; i++) {
			String page = String.join("\n\n", prose.page(2_500, 3_000));
			assertThat(page.length()).isBetween(2_500, 3_000);
			assertThat(page.chars()).allMatch((c) -> c >= 0x20 && c < 0x7f || c == '\n');
		}
	}

	@Test
	void generateWhenThirtyPagesThenFormatsInterleavedWithEveryPageCounted() {
		List<Corpus.Document> corpus = Corpus.generate(30, 1);
		assertThat(corpus).extracting(Corpus.Document::format)
			.containsExactly(Corpus.Format.PDF, Corpus.Format.DOCX, Corpus.Format.MARKDOWN, Corpus.Format.PDF,
					Corpus.Format.DOCX);
		assertThat(corpus).extracting(Corpus.Document::pages).containsExactly(10, 10, 6, 2, 2);
		assertThat(corpus).extracting(Corpus.Document::filename).doesNotHaveDuplicates();
		assertThat(corpus).allSatisfy((document) -> assertThat(document.characters())
			.isBetween(document.pages() * Corpus.PAGE_MIN_CHARACTERS, document.pages() * Corpus.PAGE_MAX_CHARACTERS));
		assertThat(IngestionLoad.corpusLine(corpus, 0.5))
			.startsWith("CORPUS documents=5 pages=30 characters="
					+ corpus.stream().mapToInt(Corpus.Document::characters).sum())
			.contains(
					"pdf_documents=2 pdf_pages=12 docx_documents=2 docx_pages=12 markdown_documents=1 markdown_pages=6");
	}

	@Test
	void generateWhenSameSeedThenSameTextAndOtherSeedThenOtherText() {
		byte[] markdown = Corpus.generate(30, 1).get(2).content();
		assertThat(Corpus.generate(30, 1).get(2).content()).isEqualTo(markdown);
		assertThat(Corpus.generate(30, 2).get(2).content()).isNotEqualTo(markdown);
	}

	@Test
	void pdfWhenReadBackThenOnePdfPagePerPageWithItsText() throws Exception {
		Corpus.Document pdf = Corpus.generate(30, 1).getFirst();
		try (PDDocument document = Loader.loadPDF(pdf.content())) {
			assertThat(document.getNumberOfPages()).isEqualTo(10);
			String text = new PDFTextStripper().getText(document);
			assertThat(text.replaceAll("\\s+", "").length())
				.isGreaterThan(pdf.characters() - pdf.characters() / 5 - 10 * 300);
		}
	}

	@Test
	void docxWhenReadBackThenItsParagraphsWithPageBreaks() throws Exception {
		Corpus.Document docx = Corpus.generate(30, 1).get(1);
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx.content()));
				XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
			assertThat(extractor.getText().length()).isGreaterThanOrEqualTo(docx.characters() - 10 * 10);
			assertThat(document.getParagraphs().stream().filter((p) -> p.isPageBreak()).count()).isEqualTo(9);
		}
	}

	@Test
	void markdownWhenGeneratedThenATitleAndOneSectionPerPage() {
		Corpus.Document markdown = Corpus.generate(30, 1).get(2);
		String text = new String(markdown.content(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("# Handbook 3: ");
		assertThat(text.lines().filter((line) -> line.startsWith("## "))).hasSize(6);
	}

	@Test
	void queryTextWhenSameTagThenSameTextAndEveryNumberDiffers() {
		assertThat(IngestionLoad.queryText("u1", 5)).isEqualTo(IngestionLoad.queryText("u1", 5))
			.endsWith("(u1 5)")
			.isNotEqualTo(IngestionLoad.queryText("u4", 5));
		assertThat(IntStream.rangeClosed(1, 500).mapToObj((n) -> IngestionLoad.queryText("u1", n)))
			.doesNotHaveDuplicates();
		assertThat(IntStream.rangeClosed(1, 500).mapToObj(Prose::question).distinct().count()).isGreaterThan(100);
	}

}
