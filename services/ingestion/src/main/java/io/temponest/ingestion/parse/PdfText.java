package io.temponest.ingestion.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF, page by page with PDFBox, its decoded streams cached in temporary
 * files rather than on the heap. A file without the end-of-file marker near its end is
 * refused as truncated, although PDFBox could often recover part of it, so that no
 * partial text is taken for the whole.
 */
final class PdfText {

	/** How far from its start the header, and from its end the end marker, may be. */
	private static final int MARKER_WINDOW = 1024;

	private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] END_OF_FILE = "%%EOF".getBytes(StandardCharsets.US_ASCII);

	private PdfText() {
	}

	static ParsedText extract(byte[] content, int maxCharacters) throws IOException, UnreadableDocumentException {
		if (indexOf(content, HEADER, 0, Math.min(content.length, MARKER_WINDOW)) < 0) {
			throw UnreadableDocumentException.invalid(DocumentType.PDF, null);
		}
		if (indexOf(content, END_OF_FILE, Math.max(0, content.length - MARKER_WINDOW), content.length) < 0) {
			throw UnreadableDocumentException.truncated(DocumentType.PDF);
		}
		try (PDDocument document = Loader.loadPDF(content, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
			if (!document.getCurrentAccessPermission().canExtractContent()) {
				throw UnreadableDocumentException.extractionNotPermitted(DocumentType.PDF);
			}
			PDFTextStripper stripper = new BoundedTextStripper(maxCharacters);
			stripper.setLineSeparator("\n");
			int pages = document.getNumberOfPages();
			StringBuilder text = new StringBuilder();
			for (int page = 1; page <= pages; page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				if (page > 1) {
					text.append('\n');
				}
				text.append(stripper.getText(document).stripTrailing());
			}
			return new ParsedText(text.toString(), pages);
		}
		catch (TextLimitReached ex) {
			throw UnreadableDocumentException.tooLong(maxCharacters);
		}
		catch (InvalidPasswordException ex) {
			throw UnreadableDocumentException.passwordProtected(DocumentType.PDF, ex);
		}
	}

	private static int indexOf(byte[] content, byte[] marker, int from, int to) {
		for (int offset = from; offset <= to - marker.length; offset++) {
			if (Arrays.equals(content, offset, offset + marker.length, marker, 0, marker.length)) {
				return offset;
			}
		}
		return -1;
	}

	/**
	 * A text stripper that stops as soon as the text of the whole document passes the
	 * limit, rather than after building an oversized page.
	 */
	private static final class BoundedTextStripper extends PDFTextStripper {

		private final int maxCharacters;

		private long written;

		BoundedTextStripper(int maxCharacters) {
			this.maxCharacters = maxCharacters;
		}

		@Override
		protected void writeString(String text) throws IOException {
			this.written += text.length();
			if (this.written > this.maxCharacters) {
				throw new TextLimitReached();
			}
			super.writeString(text);
		}

	}

	/** Thrown through PDFBox when the text passes the limit. */
	private static final class TextLimitReached extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TextLimitReached() {
			super(null, null, false, false);
		}

	}

}
