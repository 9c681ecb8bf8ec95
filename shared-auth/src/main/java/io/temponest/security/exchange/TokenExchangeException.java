package io.temponest.security.exchange;

import org.jspecify.annotations.Nullable;

/**
 * No token could be obtained for a user: either the auth service refused the user
 * ({@link #isUserRefused()}: gone, deactivated, not in the tenant, or lacking a required
 * permission; asking again will not help) or the exchange failed for another reason (auth
 * service unreachable or failing, this service's client credentials refused, rate
 * limited), which may pass.
 */
public class TokenExchangeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String error;

	private final boolean userRefused;

	TokenExchangeException(String message, @Nullable String error, boolean userRefused, @Nullable Throwable cause) {
		super(message, cause);
		this.error = error;
		this.userRefused = userRefused;
	}

	/**
	 * The user was refused (gone, deactivated, not in the tenant, or lacking a required
	 * permission), so that asking again will not help: for a service that issues its
	 * users' tokens itself (the auth service) and must say so like a refused exchange.
	 * @param error the OAuth error code, such as {@code invalid_grant}
	 * @param message why
	 * @return the exception, {@link #isUserRefused() refusing the user}
	 */
	public static TokenExchangeException userRefused(String error, String message) {
		return new TokenExchangeException(message, error, true, null);
	}

	/**
	 * The OAuth error code the auth service answered with.
	 * @return the code, such as {@code invalid_grant}, or {@code null} when it gave none
	 */
	public @Nullable String error() {
		return this.error;
	}

	/**
	 * Whether the auth service refused the user (OAuth {@code invalid_grant} or
	 * {@code invalid_scope}), so that asking again will not help.
	 * @return whether it did
	 */
	public boolean isUserRefused() {
		return this.userRefused;
	}

}
