package io.temponest.ingestion.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The text of a DOCX with POI: the body's paragraphs, the text of its tables' cells and
 * of its content controls, in document order. The container is read from a temporary
 * file, so that POI inflates only the parts it reads, under the
 * {@link ZipContainerLimits}.
 */
final class DocxText {

	private DocxText() {
	}

	static String extract(byte[] content, int maxCharacters)
			throws IOException, InvalidFormatException, UnreadableDocumentException {
		if (FileMagic.valueOf(content) == FileMagic.OLE2) {
			throw isEncrypted(content) ? UnreadableDocumentException.passwordProtected(DocumentType.DOCX, null)
					: UnreadableDocumentException.invalid(DocumentType.DOCX, null);
		}
		Path file = Files.createTempFile("temponest-docx-", ".docx");
		try {
			Files.write(file, content);
			ZipContainerLimits.checkDeclaredSizes(DocumentType.DOCX, file);
			OPCPackage container = OPCPackage.open(file.toFile(), PackageAccess.READ);
			try {
				Lines lines = new Lines(maxCharacters);
				lines.addAll(new XWPFDocument(container).getBodyElements());
				return lines.toString();
			}
			finally {
				container.revert();
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * Whether an OLE2 container is an encrypted OOXML document, which Office writes as an
	 * OLE2 file holding the encryption info and the encrypted package.
	 */
	private static boolean isEncrypted(byte[] content) throws IOException {
		try (POIFSFileSystem container = new POIFSFileSystem(new ByteArrayInputStream(content))) {
			return container.getRoot().hasEntryCaseInsensitive(Decryptor.DEFAULT_POIFS_ENTRY);
		}
	}

	/** The lines of text collected so far, bounded in length. */
	private static final class Lines {

		private final StringBuilder text = new StringBuilder();

		private final int maxCharacters;

		Lines(int maxCharacters) {
			this.maxCharacters = maxCharacters;
		}

		void addAll(List<IBodyElement> elements) throws UnreadableDocumentException {
			for (IBodyElement element : elements) {
				if (element instanceof XWPFParagraph paragraph) {
					add(paragraph.getText());
				}
				else if (element instanceof XWPFTable table) {
					for (XWPFTableRow row : table.getRows()) {
						for (XWPFTableCell cell : row.getTableCells()) {
							addAll(cell.getBodyElements());
						}
					}
				}
				else if (element instanceof XWPFSDT control) {
					add(control.getContent().getText());
				}
			}
		}

		private void add(String line) throws UnreadableDocumentException {
			if (!this.text.isEmpty()) {
				this.text.append('\n');
			}
			this.text.append(line);
			if (this.text.length() > this.maxCharacters) {
				throw UnreadableDocumentException.tooLong(this.maxCharacters);
			}
		}

		@Override
		public String toString() {
			return this.text.toString();
		}

	}

}
