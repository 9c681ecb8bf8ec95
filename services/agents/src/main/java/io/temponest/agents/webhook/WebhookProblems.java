package io.temponest.agents.webhook;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The problems of the webhooks API. */
final class WebhookProblems {

	private WebhookProblems() {
	}

	/**
	 * No webhook with that id in the caller's tenant (another tenant's looks the same).
	 */
	static final class WebhookNotFoundException extends DomainException {

		private static final long serialVersionUID = 1L;

		WebhookNotFoundException() {
			super(HttpStatus.NOT_FOUND, "Webhook not found");
		}

	}

	/** No delivery with that id in the caller's tenant. */
	static final class DeliveryNotFoundException extends DomainException {

		private static final long serialVersionUID = 1L;

		DeliveryNotFoundException() {
			super(HttpStatus.NOT_FOUND, "Delivery not found");
		}

	}

	/** A URL the service will not call, an unknown event or a bad header. */
	static final class InvalidWebhookException extends DomainException {

		private static final long serialVersionUID = 1L;

		InvalidWebhookException(String detail) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, detail);
		}

	}

}
