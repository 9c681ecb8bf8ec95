package io.temponest.approval.page;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Signs people in and out through the auth service ({@code POST /auth/login},
 * {@code /auth/logout}).
 */
@Component
class AuthLogin {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String AUTH_SERVICE_URL = "platform.security.auth-service-url";

	private final RestClient client;

	private final Environment environment;

	AuthLogin(RestClient.Builder builder, Environment environment) {
		this.environment = environment;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT)
			.build());
		requests.setReadTimeout(TIMEOUT);
		this.client = builder.clone().requestFactory(requests).build();
	}

	/**
	 * Sign in.
	 * @param email the email
	 * @param password the password
	 * @return the access token and its lifetime, or {@code null} when the auth service
	 * refused the credentials
	 * @throws RestClientException when the auth service could not be asked
	 */
	@Nullable Token login(String email, String password) {
		try {
			Token token = this.client.post()
				.uri(url("/auth/login"))
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", email, "password", password))
				.retrieve()
				.body(Token.class);
			return (token != null && token.accessToken() != null) ? token : null;
		}
		catch (HttpClientErrorException ex) {
			return null;
		}
	}

	/**
	 * Revoke an access token (best effort).
	 * @param accessToken the token
	 */
	void logout(String accessToken) {
		try {
			this.client.post()
				.uri(url("/auth/logout"))
				.header("Authorization", "Bearer " + accessToken)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of())
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			// the cookie is removed either way; the token expires on its own
		}
	}

	/** The auth service's URL, read at each call (the shared security settings' key). */
	private String url(String path) {
		String base = this.environment.getProperty(AUTH_SERVICE_URL, "http://localhost:9002");
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/**
	 * The part of the auth service's token response the pages keep.
	 *
	 * @param accessToken the access token
	 * @param expiresIn its lifetime in seconds
	 */
	record Token(@JsonProperty("access_token") @Nullable String accessToken,
			@JsonProperty("expires_in") long expiresIn) {

	}

}
