package io.temponest.agents.llm;

import org.springframework.http.HttpStatus;

/**
 * A provider call that did not produce an answer, classified by what the caller should be
 * told: the provider timed out (504), could not be reached or refused for now (503), or
 * answered with an error or something unreadable (502). The message is safe to show: it
 * names the provider and the kind of failure, never a key or a prompt.
 */
public class LlmFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** How a call failed. */
	public enum Kind {

		/** No answer within the call's timeout: 504. */
		TIMEOUT(HttpStatus.GATEWAY_TIMEOUT),

		/**
		 * Connection refused, or still rate-limited or overloaded after the retries: 503.
		 */
		UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),

		/** An error answer or a malformed one: 502. */
		BAD_GATEWAY(HttpStatus.BAD_GATEWAY);

		private final HttpStatus status;

		Kind(HttpStatus status) {
			this.status = status;
		}

		/**
		 * The status the service answers with.
		 * @return the status
		 */
		public HttpStatus status() {
			return this.status;
		}

	}

	private final Kind kind;

	/**
	 * Create a failure.
	 * @param kind the kind
	 * @param message a message safe to show to the caller
	 * @param cause the cause, if any
	 */
	public LlmFailure(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	/**
	 * How the call failed.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

}
