package io.temponest.security;

/** Names and values of the claims in platform tokens (the original's claim set). */
public final class PlatformClaims {

	/** Claim holding the token type. */
	public static final String TYPE = "type";

	/** Type of access tokens. */
	public static final String ACCESS = "access";

	/** Type of refresh tokens. */
	public static final String REFRESH = "refresh";

	/** Claim holding the tenant id. */
	public static final String TENANT_ID = "tenant_id";

	/** Claim holding the email. */
	public static final String EMAIL = "email";

	/** Claim holding the role names. */
	public static final String ROLES = "roles";

	/** Claim holding the permission names. */
	public static final String PERMISSIONS = "permissions";

	/** Claim holding the superuser flag. */
	public static final String IS_SUPERUSER = "is_superuser";

	/**
	 * Claim naming the service that acts for the token's user (RFC 8693 {@code act}, an
	 * object whose {@code sub} is the service's client id); only in tokens obtained by
	 * token exchange.
	 */
	public static final String ACT = "act";

	private PlatformClaims() {
	}

}
