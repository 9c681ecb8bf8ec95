package io.temponest.auth.exchange;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A token exchange request as received: the client's credentials from HTTP Basic and the
 * form parameters, each {@code null} when absent; a repeated parameter is
 * {@link #REPEATED}.
 *
 * @param clientId the client id, if the request carried HTTP Basic credentials
 * @param clientSecret the client secret, if the request carried HTTP Basic credentials
 * @param grantType {@code grant_type}
 * @param subjectToken {@code subject_token}: the user's id
 * @param subjectTokenType {@code subject_token_type}
 * @param tenantId {@code tenant_id}: the user's tenant
 * @param requestedTokenType {@code requested_token_type}, optional
 * @param scope {@code scope}: permissions the user must hold, space-separated, optional
 */
public record ExchangeRequest(@Nullable String clientId, @Nullable String clientSecret, @Nullable String grantType,
		@Nullable String subjectToken, @Nullable String subjectTokenType, @Nullable String tenantId,
		@Nullable String requestedTokenType, @Nullable String scope) {

	/** Stands for a parameter given more than once (RFC 6749 §3.2: never allowed). */
	public static final String REPEATED = "\u0000repeated";

	/**
	 * Whether a form parameter was given more than once.
	 * @return whether one was
	 */
	public boolean hasRepeatedParameter() {
		return Stream
			.of(this.grantType, this.subjectToken, this.subjectTokenType, this.tenantId, this.requestedTokenType,
					this.scope)
			.anyMatch(REPEATED::equals);
	}

	@Override
	public String toString() {
		return "ExchangeRequest[clientId=" + this.clientId + ", subjectToken=" + this.subjectToken + ", tenantId="
				+ this.tenantId + "]";
	}

}
