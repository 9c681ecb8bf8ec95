package io.temponest.security.web;

import java.io.IOException;

/** Thrown while reading a request body that grows beyond the configured maximum. */
public final class RequestBodyTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param maxBytes the maximum body size
	 */
	public RequestBodyTooLargeException(long maxBytes) {
		super("Request body exceeds " + maxBytes + " bytes");
	}

	/**
	 * Whether a failure was caused by a body that is too large.
	 * @param failure the failure
	 * @return whether this exception is in its cause chain
	 */
	public static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyTooLargeException) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

}
