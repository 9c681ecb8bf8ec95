package io.temponest.security.apikey;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Asks the auth service ({@code GET /api-keys/verify} with {@code Authorization: Bearer
 * <key>}): 200 is a valid key, 401, 403 and 404 an invalid one; any other answer, or
 * none, gives no verdict.
 */
public final class AuthServiceApiKeyVerdicts implements ApiKeyVerdictSource {

	/** Path of the verification endpoint of the auth service. */
	public static final String VERIFY_PATH = "/api-keys/verify";

	private static final Logger log = LoggerFactory.getLogger(AuthServiceApiKeyVerdicts.class);

	private final RestClient authService;

	/**
	 * Create the source.
	 * @param authService a client whose base URL is the auth service
	 */
	public AuthServiceApiKeyVerdicts(RestClient authService) {
		this.authService = authService;
	}

	@Override
	public @Nullable ApiKeyVerdict verdictOn(String apiKey) {
		try {
			return this.authService.get()
				.uri(VERIFY_PATH)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					if (status == 200) {
						AuthPrincipal principal = response.bodyTo(AuthPrincipal.class);
						return (principal != null) ? ApiKeyVerdict.validFor(principal.withAuthType(AuthType.API_KEY))
								: null;
					}
					if (status == 401 || status == 403 || status == 404) {
						return ApiKeyVerdict.INVALID;
					}
					log.warn("The auth service answered {} to an API-key verification", status);
					return null;
				});
		}
		catch (RuntimeException ex) {
			log.warn("Could not verify an API key with the auth service: {}", ex.toString());
			return null;
		}
	}

}
