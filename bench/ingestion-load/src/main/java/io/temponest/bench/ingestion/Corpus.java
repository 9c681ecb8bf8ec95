package io.temponest.bench.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * A mixed corpus of pages of prose: about 40 % of the pages in PDFs (written with
 * PDFBox), 40 % in DOCX files (written with POI) and the rest in Markdown files, at most
 * {@link #PAGES_PER_DOCUMENT} pages per document, each page 2,500 to 3,000 characters of
 * text. The same seed writes the same corpus.
 */
final class Corpus {

	/** The most pages of one document. */
	static final int PAGES_PER_DOCUMENT = 10;

	/** The fewest characters of a page's text. */
	static final int PAGE_MIN_CHARACTERS = 2_500;

	/** The most characters of a page's text. */
	static final int PAGE_MAX_CHARACTERS = 3_000;

	private static final float FONT_SIZE = 10;

	private static final float LEADING = 12.5f;

	private static final float MARGIN = 54;

	private Corpus() {
	}

	/** A document's format. */
	enum Format {

		PDF("pdf", "application/pdf"),
		DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
		MARKDOWN("md", "text/markdown");

		private final String extension;

		private final String contentType;

		Format(String extension, String contentType) {
			this.extension = extension;
			this.contentType = contentType;
		}

		String extension() {
			return this.extension;
		}

		String contentType() {
			return this.contentType;
		}

	}

	/**
	 * One document of the corpus.
	 *
	 * @param filename its file name (unique in the corpus)
	 * @param format its format
	 * @param pages its pages
	 * @param characters the characters of its pages' text
	 * @param content its bytes
	 */
	record Document(String filename, Format format, int pages, int characters, byte[] content) {

	}

	/**
	 * How many pages of each format make a corpus of {@code pages} pages: 40 % PDF, 40 %
	 * DOCX (rounded), Markdown the rest.
	 * @param pages the corpus's pages
	 * @return the pages of PDF, DOCX and Markdown
	 */
	static int[] split(int pages) {
		int pdf = Math.round(pages * 0.4f);
		int docx = Math.min(pages - pdf, Math.round(pages * 0.4f));
		return new int[] { pdf, docx, pages - pdf - docx };
	}

	/**
	 * The pages of each document of one format: full documents of
	 * {@link #PAGES_PER_DOCUMENT} pages, the last one shorter.
	 * @param pages the format's pages
	 * @return the pages of each of its documents
	 */
	static List<Integer> documents(int pages) {
		List<Integer> documents = new ArrayList<>();
		for (int left = pages; left > 0; left -= PAGES_PER_DOCUMENT) {
			documents.add(Math.min(PAGES_PER_DOCUMENT, left));
		}
		return documents;
	}

	/**
	 * Writes the corpus.
	 * @param pages its pages
	 * @param seed the seed of its text
	 * @return its documents, the formats interleaved (PDF, DOCX, Markdown, PDF, ...) so
	 * that uploading them in order mixes the formats
	 */
	static List<Document> generate(int pages, long seed) {
		Prose prose = new Prose(seed);
		int[] split = split(pages);
		List<List<Integer>> plans = List.of(documents(split[0]), documents(split[1]), documents(split[2]));
		Format[] formats = Format.values();
		List<Document> corpus = new ArrayList<>();
		int number = 0;
		for (int i = 0; corpus.size() < plans.stream().mapToInt(List::size).sum(); i++) {
			for (int f = 0; f < formats.length; f++) {
				if (i < plans.get(f).size()) {
					corpus.add(document(prose, ++number, formats[f], plans.get(f).get(i)));
				}
			}
		}
		return corpus;
	}

	private static Document document(Prose prose, int number, Format format, int pageCount) {
		String title = prose.title(number);
		List<Page> pages = new ArrayList<>();
		int characters = 0;
		for (int p = 0; p < pageCount; p++) {
			Page page = new Page(prose.heading(), prose.page(PAGE_MIN_CHARACTERS, PAGE_MAX_CHARACTERS));
			pages.add(page);
			characters += page.characters();
		}
		byte[] content = switch (format) {
			case PDF -> pdf(title, pages);
			case DOCX -> docx(title, pages);
			case MARKDOWN -> markdown(title, pages);
		};
		String filename = String.format("bench-%05d.%s", number, format.extension());
		return new Document(filename, format, pageCount, characters, content);
	}

	/**
	 * One page: a heading and paragraphs.
	 *
	 * @param heading the page's heading
	 * @param paragraphs its paragraphs
	 */
	record Page(String heading, List<String> paragraphs) {

		int characters() {
			return String.join("\n\n", this.paragraphs).length();
		}

	}

	static byte[] pdf(String title, List<Page> pages) {
		try (PDDocument document = new PDDocument()) {
			document.getDocumentInformation().setTitle(title);
			PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
			PDRectangle size = PDRectangle.LETTER;
			float width = size.getWidth() - 2 * MARGIN;
			for (Page page : pages) {
				PDPage pdfPage = new PDPage(size);
				document.addPage(pdfPage);
				try (PDPageContentStream text = new PDPageContentStream(document, pdfPage)) {
					text.beginText();
					text.setLeading(LEADING);
					text.newLineAtOffset(MARGIN, size.getHeight() - MARGIN);
					text.setFont(bold, FONT_SIZE + 2);
					text.showText(page.heading());
					text.newLine();
					text.newLine();
					text.setFont(regular, FONT_SIZE);
					for (String paragraph : page.paragraphs()) {
						for (String line : wrap(paragraph, regular, width)) {
							text.showText(line);
							text.newLine();
						}
						text.newLine();
					}
					text.endText();
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> wrap(String paragraph, PDType1Font font, float width) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : paragraph.split(" ")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * FONT_SIZE > width) {
				lines.add(line.toString());
				line.setLength(0);
				line.append(word);
			}
			else {
				line.setLength(0);
				line.append(candidate);
			}
		}
		if (!line.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

	static byte[] docx(String title, List<Page> pages) {
		try (XWPFDocument document = new XWPFDocument()) {
			document.getProperties().getCoreProperties().setTitle(title);
			boolean first = true;
			for (Page page : pages) {
				XWPFParagraph heading = document.createParagraph();
				heading.setPageBreak(!first);
				XWPFRun run = heading.createRun();
				run.setBold(true);
				run.setFontSize(12);
				run.setText(page.heading());
				for (String paragraph : page.paragraphs()) {
					document.createParagraph().createRun().setText(paragraph);
				}
				first = false;
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] markdown(String title, List<Page> pages) {
		StringBuilder markdown = new StringBuilder("# ").append(title).append("\n\n");
		for (Page page : pages) {
			markdown.append("## ").append(page.heading()).append("\n\n");
			for (String paragraph : page.paragraphs()) {
				markdown.append(paragraph).append("\n\n");
			}
		}
		return markdown.toString().getBytes(StandardCharsets.UTF_8);
	}

}
