package io.temponest.ingestion.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.jspecify.annotations.Nullable;

/**
 * Documents generated for the tests: PDFs written with PDFBox, DOCX files written with
 * POI, and a DOCX zip bomb written as a stream.
 */
public final class SampleDocuments {

	/** The main part of a DOCX. */
	static final String DOCUMENT_XML = "word/document.xml";

	private static final int CENTRAL_DIRECTORY_HEADER = 0x02014b50;

	private SampleDocuments() {
	}

	/**
	 * A PDF with one line of text on each page.
	 * @param pageTexts the text of each page
	 * @return the PDF bytes
	 */
	public static byte[] pdf(String... pageTexts) {
		return writePdf(null, pageTexts);
	}

	/**
	 * A PDF encrypted with a user password, which is needed to open it.
	 * @param pageText the page's text
	 * @return the PDF bytes
	 */
	public static byte[] passwordProtectedPdf(String pageText) {
		return writePdf(new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission()), pageText);
	}

	/**
	 * A PDF that opens without a password but whose owner forbids extracting its text.
	 * @param pageText the page's text
	 * @return the PDF bytes
	 */
	public static byte[] copyProtectedPdf(String pageText) {
		AccessPermission permissions = new AccessPermission();
		permissions.setCanExtractContent(false);
		permissions.setCanExtractForAccessibility(false);
		return writePdf(new StandardProtectionPolicy("owner-secret", "", permissions), pageText);
	}

	private static byte[] writePdf(@Nullable StandardProtectionPolicy protection, String... pageTexts) {
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (String pageText : pageTexts) {
				PDPage page = new PDPage();
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 12);
					content.newLineAtOffset(72, 700);
					content.showText(pageText);
					content.endText();
				}
			}
			if (protection != null) {
				protection.setEncryptionKeyLength(128);
				document.protect(protection);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A DOCX written with POI.
	 * @param content writes the document's body
	 * @return the DOCX bytes
	 */
	public static byte[] docx(Consumer<XWPFDocument> content) {
		try (XWPFDocument document = new XWPFDocument()) {
			content.accept(document);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A DOCX with paragraphs and a table after them.
	 * @param paragraphs the paragraphs' text
	 * @param cells the table's rows of cell text
	 * @return the DOCX bytes
	 */
	public static byte[] docxWithTable(List<String> paragraphs, List<List<String>> cells) {
		return docx((document) -> {
			paragraphs.forEach((text) -> document.createParagraph().createRun().setText(text));
			XWPFTable table = document.createTable(cells.size(), cells.get(0).size());
			for (int row = 0; row < cells.size(); row++) {
				for (int column = 0; column < cells.get(row).size(); column++) {
					table.getRow(row).getCell(column).setText(cells.get(row).get(column));
				}
			}
		});
	}

	/**
	 * A DOCX encrypted with a password the way Office does it: an OLE2 file holding the
	 * encryption info and the encrypted package.
	 * @param paragraph the text of the document's one paragraph
	 * @return the encrypted file's bytes
	 */
	public static byte[] passwordProtectedDocx(String paragraph) {
		byte[] plain = docx((document) -> document.createParagraph().createRun().setText(paragraph));
		try (POIFSFileSystem container = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream encrypted = encryptor.getDataStream(container)) {
				encrypted.write(plain);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			container.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An OLE2 file without encryption, like a legacy Word {@code .doc}.
	 * @return the file's bytes
	 */
	public static byte[] ole2() {
		try (POIFSFileSystem container = new POIFSFileSystem()) {
			container.createDocument(new ByteArrayInputStream(utf8("not really Word")), "WordDocument");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			container.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A valid DOCX with a run of {@code '0'} characters that deflates to a tiny fraction
	 * of its size: inside a comment of {@code word/document.xml}, or as an extra entry
	 * that no part refers to. Written as a stream: only the compressed container is ever
	 * held in memory.
	 * @param paragraph the text of the document's one paragraph
	 * @param zeros how many {@code '0'} characters the bomb holds
	 * @param entry {@code word/document.xml} or the name of the extra entry
	 * @return the DOCX bytes
	 */
	public static byte[] zipBombDocx(String paragraph, long zeros, String entry) {
		byte[] original = docx((document) -> document.createParagraph().createRun().setText(paragraph));
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original));
				ZipOutputStream out = new ZipOutputStream(bomb)) {
			for (ZipEntry part = in.getNextEntry(); part != null; part = in.getNextEntry()) {
				out.putNextEntry(new ZipEntry(part.getName()));
				if (part.getName().equals(entry)) {
					writePadded(in, out, zeros);
				}
				else {
					in.transferTo(out);
				}
				out.closeEntry();
			}
			if (!entry.equals(DOCUMENT_XML)) {
				out.putNextEntry(new ZipEntry(entry));
				writeZeros(out, zeros);
				out.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bomb.toByteArray();
	}

	/**
	 * A valid DOCX with many extra small entries.
	 * @param paragraph the text of the document's one paragraph
	 * @param extraEntries how many entries to add
	 * @return the DOCX bytes
	 */
	public static byte[] docxWithExtraEntries(String paragraph, int extraEntries) {
		byte[] original = docx((document) -> document.createParagraph().createRun().setText(paragraph));
		ByteArrayOutputStream crowded = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original));
				ZipOutputStream out = new ZipOutputStream(crowded)) {
			for (ZipEntry part = in.getNextEntry(); part != null; part = in.getNextEntry()) {
				out.putNextEntry(new ZipEntry(part.getName()));
				in.transferTo(out);
				out.closeEntry();
			}
			for (int i = 0; i < extraEntries; i++) {
				out.putNextEntry(new ZipEntry("extra/" + i + ".xml"));
				out.write(utf8("<extra n=\"" + i + "\"/>"));
				out.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return crowded.toByteArray();
	}

	/**
	 * A zip archive whose central directory understates the expanded size of one entry,
	 * as a bomb's author would to get past checks of the declared sizes.
	 * @param zip the archive
	 * @param entry the entry's name
	 * @param declaredSize the expanded size to declare
	 * @return the altered archive
	 */
	public static byte[] withDeclaredSize(byte[] zip, String entry, int declaredSize) {
		byte[] altered = zip.clone();
		ByteBuffer buffer = ByteBuffer.wrap(altered).order(ByteOrder.LITTLE_ENDIAN);
		byte[] name = entry.getBytes(StandardCharsets.UTF_8);
		for (int offset = 0; offset + 46 + name.length <= altered.length; offset++) {
			if (buffer.getInt(offset) == CENTRAL_DIRECTORY_HEADER && buffer.getShort(offset + 28) == name.length
					&& Arrays.equals(altered, offset + 46, offset + 46 + name.length, name, 0, name.length)) {
				buffer.putInt(offset + 24, declaredSize);
				return altered;
			}
		}
		throw new IllegalArgumentException("no central directory header for " + entry);
	}

	private static void writePadded(InputStream in, OutputStream out, long zeros) throws IOException {
		String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		int body = xml.indexOf("<w:body>") + "<w:body>".length();
		out.write(xml.substring(0, body).getBytes(StandardCharsets.UTF_8));
		out.write("<!--".getBytes(StandardCharsets.US_ASCII));
		writeZeros(out, zeros);
		out.write("-->".getBytes(StandardCharsets.US_ASCII));
		out.write(xml.substring(body).getBytes(StandardCharsets.UTF_8));
	}

	private static void writeZeros(OutputStream out, long zeros) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		Arrays.fill(buffer, (byte) '0');
		for (long written = 0; written < zeros; written += buffer.length) {
			out.write(buffer, 0, (int) Math.min(buffer.length, zeros - written));
		}
	}

	/**
	 * A zip archive of small text entries.
	 * @param names the entries' names
	 * @return the zip bytes
	 */
	public static byte[] zip(String... names) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(bytes)) {
			for (String name : names) {
				out.putNextEntry(new ZipEntry(name));
				out.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
				out.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
