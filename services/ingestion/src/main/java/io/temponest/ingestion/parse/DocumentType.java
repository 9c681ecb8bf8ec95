package io.temponest.ingestion.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of document the knowledge base reads, each with its canonical content type.
 */
public enum DocumentType {

	/** Portable Document Format. */
	PDF("application/pdf", List.of("pdf"), List.of("application/pdf", "application/x-pdf")),

	/** Office Open XML word processing document (not the legacy binary {@code .doc}). */
	DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx"),
			List.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document")),

	/** CommonMark Markdown. */
	MARKDOWN("text/markdown", List.of("md", "markdown"), List.of("text/markdown", "text/x-markdown")),

	/** Plain text, UTF-8. */
	TEXT("text/plain", List.of("txt", "text"), List.of("text/plain")),

	/** HTML or XHTML. */
	HTML("text/html", List.of("html", "htm"), List.of("text/html", "application/xhtml+xml"));

	private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	private static final byte[] DOCX_MAIN_PART = "word/document.xml".getBytes(StandardCharsets.US_ASCII);

	private static final int TEXT_SNIFF_BYTES = 8192;

	private final String contentType;

	private final List<String> extensions;

	private final List<String> contentTypes;

	DocumentType(String contentType, List<String> extensions, List<String> contentTypes) {
		this.contentType = contentType;
		this.extensions = extensions;
		this.contentTypes = contentTypes;
	}

	/**
	 * The canonical content type of documents of this type.
	 * @return a MIME type without parameters, such as {@code application/pdf}
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * The type of an uploaded document: by the file name's extension (case-insensitive)
	 * first, then by the declared content type when it is specific (generic ones such as
	 * {@code application/octet-stream}, which clients like the Python SDK always send,
	 * say nothing), then by the content's magic bytes. A file without any extension whose
	 * content is UTF-8 text is {@link #TEXT}.
	 * @param filename the uploaded file's name (a path is tolerated; only the last
	 * segment counts)
	 * @param declaredContentType the content type the client declared, if any
	 * @param content the uploaded bytes
	 * @return the type, or empty for a document the knowledge base cannot read (legacy
	 * {@code .doc}, images, unknown extensions without a recognisable content)
	 */
	public static Optional<DocumentType> detect(String filename, @Nullable String declaredContentType, byte[] content) {
		String extension = extension(filename);
		if (extension != null) {
			for (DocumentType type : values()) {
				if (type.extensions.contains(extension)) {
					return Optional.of(type);
				}
			}
		}
		String declared = mediaType(declaredContentType);
		if (declared != null) {
			for (DocumentType type : values()) {
				if (type.contentTypes.contains(declared)) {
					return Optional.of(type);
				}
			}
		}
		Optional<DocumentType> sniffed = sniff(content);
		if (sniffed.isPresent() || extension != null) {
			return sniffed;
		}
		return looksLikeText(content) ? Optional.of(TEXT) : Optional.empty();
	}

	private static @Nullable String extension(String filename) {
		String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
		int dot = name.lastIndexOf('.');
		if (dot <= 0 || dot == name.length() - 1) {
			return null;
		}
		return name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	private static @Nullable String mediaType(@Nullable String declaredContentType) {
		if (declaredContentType == null) {
			return null;
		}
		int parameters = declaredContentType.indexOf(';');
		String mediaType = ((parameters >= 0) ? declaredContentType.substring(0, parameters) : declaredContentType)
			.strip()
			.toLowerCase(Locale.ROOT);
		return mediaType.isEmpty() ? null : mediaType;
	}

	private static Optional<DocumentType> sniff(byte[] content) {
		if (startsWith(content, 0, PDF_MAGIC)) {
			return Optional.of(PDF);
		}
		if (startsWith(content, 0, ZIP_MAGIC) && contains(content, DOCX_MAIN_PART)) {
			return Optional.of(DOCX);
		}
		if (looksLikeHtml(content)) {
			return Optional.of(HTML);
		}
		return Optional.empty();
	}

	private static boolean looksLikeHtml(byte[] content) {
		int length = Math.min(content.length, TEXT_SNIFF_BYTES);
		String head = new String(content, 0, length, StandardCharsets.UTF_8).replace("\uFEFF", "")
			.stripLeading()
			.toLowerCase(Locale.ROOT);
		return head.startsWith("<!doctype html") || head.startsWith("<html");
	}

	private static boolean looksLikeText(byte[] content) {
		if (content.length == 0) {
			return false;
		}
		int length = Math.min(content.length, TEXT_SNIFF_BYTES);
		for (int i = 0; i < length; i++) {
			if (content[i] == 0) {
				return false;
			}
		}
		return StandardCharsets.UTF_8.newDecoder()
			.decode(ByteBuffer.wrap(content, 0, length), CharBuffer.allocate(length), length == content.length)
			.isUnderflow();
	}

	private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
		if (content.length - offset < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (content[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean contains(byte[] content, byte[] part) {
		for (int offset = 0; offset <= content.length - part.length; offset++) {
			if (startsWith(content, offset, part)) {
				return true;
			}
		}
		return false;
	}

}
