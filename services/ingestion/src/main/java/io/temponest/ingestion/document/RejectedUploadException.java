package io.temponest.ingestion.document;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * An upload refused before anything is stored: empty, too large, of an unsupported type
 * or with bad metadata.
 */
class RejectedUploadException extends DomainException {

	private static final long serialVersionUID = 1L;

	private RejectedUploadException(HttpStatusCode status, String detail) {
		super(status, detail);
	}

	static RejectedUploadException empty() {
		return new RejectedUploadException(HttpStatus.UNPROCESSABLE_CONTENT, "the file is empty");
	}

	static RejectedUploadException tooLarge(long limit) {
		return new RejectedUploadException(HttpStatus.CONTENT_TOO_LARGE,
				"the file is larger than the limit of " + limit + " bytes");
	}

	static RejectedUploadException unsupportedType(String filename) {
		return new RejectedUploadException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported document type for '"
				+ filename + "': PDF, DOCX, Markdown, plain text and HTML documents are accepted");
	}

	static RejectedUploadException badMetadata(String reason) {
		return new RejectedUploadException(HttpStatus.UNPROCESSABLE_CONTENT,
				"metadata must be a JSON object (or a Python dict literal): " + reason);
	}

}
