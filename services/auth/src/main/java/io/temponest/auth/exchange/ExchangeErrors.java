package io.temponest.auth.exchange;

/** The OAuth error codes (RFC 6749 §5.2) a token exchange answers with. */
final class ExchangeErrors {

	/** The client is unknown or its secret is wrong. */
	static final String INVALID_CLIENT = "invalid_client";

	/** A parameter is missing, repeated or malformed. */
	static final String INVALID_REQUEST = "invalid_request";

	/** The grant type is not token exchange. */
	static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

	/** The user is gone, deactivated, not in the tenant, or its tenant is inactive. */
	static final String INVALID_GRANT = "invalid_grant";

	/** The user lacks a permission the client asked for. */
	static final String INVALID_SCOPE = "invalid_scope";

	private ExchangeErrors() {
	}

}
