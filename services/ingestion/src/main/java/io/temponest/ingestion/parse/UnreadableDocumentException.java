package io.temponest.ingestion.parse;

import java.text.NumberFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A document whose text cannot be extracted. The message is a short reason meant for the
 * end user who uploaded the document; the cause, if any, is for the logs only.
 */
public final class UnreadableDocumentException extends Exception {

	private static final long serialVersionUID = 1L;

	private UnreadableDocumentException(String reason, @Nullable Throwable cause) {
		super(reason, cause);
	}

	/**
	 * The short reason for the end user, such as "the PDF is password-protected".
	 * @return the reason
	 */
	public String reason() {
		String message = getMessage();
		return (message != null) ? message : "the document could not be read";
	}

	static UnreadableDocumentException empty() {
		return new UnreadableDocumentException("the file is empty", null);
	}

	static UnreadableDocumentException invalid(DocumentType type, @Nullable Throwable cause) {
		return new UnreadableDocumentException("the file is not a valid " + type.name(), cause);
	}

	static UnreadableDocumentException truncated(DocumentType type) {
		return new UnreadableDocumentException("the " + type.name() + " is incomplete (truncated)", null);
	}

	static UnreadableDocumentException notText() {
		return new UnreadableDocumentException("the file is not text", null);
	}

	static UnreadableDocumentException passwordProtected(DocumentType type, @Nullable Throwable cause) {
		return new UnreadableDocumentException("the " + type.name() + " is password-protected", cause);
	}

	static UnreadableDocumentException extractionNotPermitted(DocumentType type) {
		return new UnreadableDocumentException("the " + type.name() + " does not permit copying its text", null);
	}

	static UnreadableDocumentException expandsBeyond(DocumentType type, long maxEntrySize, @Nullable Throwable cause) {
		return new UnreadableDocumentException("the " + type.name() + " expands to more than " + number(maxEntrySize)
				+ " bytes: refused as a possible zip bomb", cause);
	}

	static UnreadableDocumentException compressedBeyond(DocumentType type, double maxInflateRatio,
			@Nullable Throwable cause) {
		return new UnreadableDocumentException("the " + type.name() + " expands to more than "
				+ number((long) maxInflateRatio) + " times its compressed size: refused as a possible zip bomb", cause);
	}

	static UnreadableDocumentException tooManyParts(DocumentType type, @Nullable Throwable cause) {
		return new UnreadableDocumentException(
				"the " + type.name() + " holds too many parts: refused as a possible zip bomb", cause);
	}

	static UnreadableDocumentException noText() {
		return new UnreadableDocumentException("no text could be extracted", null);
	}

	static UnreadableDocumentException tooLong(int maxCharacters) {
		return new UnreadableDocumentException("the text is longer than " + number(maxCharacters) + " characters",
				null);
	}

	static UnreadableDocumentException tooComplex(DocumentType type, Throwable cause) {
		return new UnreadableDocumentException("the " + type.name() + " is too large or complex to read", cause);
	}

	private static String number(long value) {
		return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
	}

}
