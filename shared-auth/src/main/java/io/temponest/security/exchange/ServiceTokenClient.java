package io.temponest.security.exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Obtains access tokens of the users this service acts for from the auth service
 * ({@code POST /auth/token/exchange}, RFC 8693 token exchange with this service's client
 * id and secret) and caches them per tenant and user until shortly before they expire,
 * for at most a bounded number of users (least recently used dropped first). The tokens
 * are ordinary access tokens of the user, with an {@code act} claim naming this service;
 * downstream services verify them like any other.
 * <p>
 * For {@code RestClient} calls use {@link ServiceTokenInterceptor}; callers of other HTTP
 * clients (such as the JDK's {@code HttpClient}) call {@link #tokenFor} and send
 * {@code Authorization: Bearer <token>} themselves. Two concurrent first calls for the
 * same user may both exchange; the later answer is cached.
 */
public final class ServiceTokenClient {

	/** Path of the exchange endpoint of the auth service. */
	public static final String EXCHANGE_PATH = "/auth/token/exchange";

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String USER_ID_TOKEN_TYPE = "urn:temponest:params:oauth:token-type:user-id";

	static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	private static final List<String> USER_REFUSALS = List.of("invalid_grant", "invalid_scope");

	private static final Logger log = LoggerFactory.getLogger(ServiceTokenClient.class);

	private final RestClient authService;

	private final String basicCredentials;

	private final @Nullable String scope;

	private final Duration refreshBefore;

	private final Clock clock;

	private final int maxCachedUsers;

	private final Map<ActingUser, CachedToken> cache;

	/**
	 * Create a client.
	 * @param authService a client whose base URL is the auth service
	 * @param clientId this service's client id
	 * @param clientSecret this service's client secret
	 * @param scope permissions the users must hold, sent as the exchange's {@code scope}
	 * @param refreshBefore how long before its expiry a cached token is replaced
	 * @param maxCachedUsers how many users' tokens are cached at most
	 * @param clock the clock that decides when a cached token is due
	 */
	public ServiceTokenClient(RestClient authService, String clientId, String clientSecret, List<String> scope,
			Duration refreshBefore, int maxCachedUsers, Clock clock) {
		// RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding
		this(authService,
				HttpHeaders.encodeBasicAuth(formEncode(clientId), formEncode(clientSecret), StandardCharsets.UTF_8),
				scope, refreshBefore, maxCachedUsers, clock);
	}

	private ServiceTokenClient(RestClient authService, String basicCredentials, List<String> scope,
			Duration refreshBefore, int maxCachedUsers, Clock clock) {
		if (maxCachedUsers < 1) {
			throw new IllegalArgumentException("maxCachedUsers must be positive: " + maxCachedUsers);
		}
		this.authService = authService;
		this.basicCredentials = basicCredentials;
		this.scope = scope.isEmpty() ? null : String.join(" ", scope);
		this.refreshBefore = refreshBefore;
		this.clock = clock;
		this.maxCachedUsers = maxCachedUsers;
		this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<ActingUser, CachedToken> eldest) {
				return size() > maxCachedUsers;
			}

		});
	}

	/**
	 * A client of the same service that asks for other permissions, with a token cache of
	 * its own: a token obtained for one purpose (say, relaying a user's events, which
	 * needs no permission) never serves another (running agents as the user, which the
	 * auth service must allow at the time of the exchange).
	 * @param scope permissions the users must hold, none for any active user
	 * @return the new client
	 */
	public ServiceTokenClient withScope(List<String> scope) {
		return new ServiceTokenClient(this.authService, this.basicCredentials, scope, this.refreshBefore,
				this.maxCachedUsers, this.clock);
	}

	/**
	 * An access token of a user, from the cache while it is not due for replacement, else
	 * from the auth service.
	 * @param tenantId the user's tenant
	 * @param userId the user
	 * @return the compact JWT, to send as {@code Authorization: Bearer <token>}
	 * @throws TokenExchangeException when no token could be obtained
	 */
	public String tokenFor(UUID tenantId, UUID userId) {
		return tokenFor(new ActingUser(tenantId, userId));
	}

	/**
	 * An access token of a user, from the cache while it is not due for replacement, else
	 * from the auth service.
	 * @param user the user
	 * @return the compact JWT
	 * @throws TokenExchangeException when no token could be obtained
	 */
	public String tokenFor(ActingUser user) {
		Instant now = this.clock.instant();
		CachedToken cached = this.cache.get(user);
		if (cached != null && now.isBefore(cached.refreshAt())) {
			return cached.value();
		}
		CachedToken fresh = exchange(user, now);
		this.cache.put(user, fresh);
		return fresh.value();
	}

	/**
	 * Drop a user's cached token (for example after a downstream service refused it).
	 * @param user the user
	 */
	public void evict(ActingUser user) {
		this.cache.remove(user);
	}

	private CachedToken exchange(ActingUser user, Instant now) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", GRANT_TYPE);
		form.add("subject_token", user.userId().toString());
		form.add("subject_token_type", USER_ID_TOKEN_TYPE);
		form.add("tenant_id", user.tenantId().toString());
		form.add("requested_token_type", ACCESS_TOKEN_TYPE);
		if (this.scope != null) {
			form.add("scope", this.scope);
		}
		Answer answer;
		int status;
		try {
			Exchanged exchanged = this.authService.post()
				.uri(EXCHANGE_PATH)
				.header(HttpHeaders.AUTHORIZATION, "Basic " + this.basicCredentials)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
				.body(form)
				.exchange((request, response) -> new Exchanged(response.getStatusCode().value(),
						readAnswer(response.getHeaders(), () -> response.bodyTo(Answer.class))));
			answer = Objects.requireNonNull(exchanged).answer();
			status = exchanged.status();
		}
		catch (RuntimeException ex) {
			throw new TokenExchangeException("Token exchange failed: " + ex.getMessage(), null, false, ex);
		}
		if (status == 200 && answer != null && answer.accessToken() != null && answer.expiresIn() != null
				&& answer.expiresIn() > 0) {
			Duration lifetime = Duration.ofSeconds(answer.expiresIn());
			Duration early = (lifetime.compareTo(this.refreshBefore) > 0) ? this.refreshBefore : lifetime.dividedBy(2);
			return new CachedToken(answer.accessToken(), now.plus(lifetime).minus(early));
		}
		String error = (answer != null) ? answer.error() : null;
		String detail = (answer != null && answer.detail() != null) ? answer.detail() : "no detail";
		boolean userRefused = status == 400 && error != null && USER_REFUSALS.contains(error);
		if (!userRefused) {
			log.warn("The auth service answered {} ({}) to a token exchange: {}", status, error, detail);
		}
		throw new TokenExchangeException(
				"Token exchange refused (" + status + ((error != null) ? " " + error : "") + "): " + detail, error,
				userRefused, null);
	}

	private static @Nullable Answer readAnswer(HttpHeaders headers, Supplier<Answer> body) {
		MediaType type = headers.getContentType();
		if (type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type)
				|| MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type))) {
			return null;
		}
		try {
			return body.get();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A cached token and when it is due for replacement. */
	private record CachedToken(String value, Instant refreshAt) {

	}

	/** The status and body of an exchange answer. */
	private record Exchanged(int status, @Nullable Answer answer) {

	}

	/** The fields of a granted or refused exchange that the client reads. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(@JsonProperty("access_token") @Nullable String accessToken,
			@JsonProperty("expires_in") @Nullable Long expiresIn, @JsonProperty("error") @Nullable String error,
			@JsonProperty("detail") @Nullable String detail) {

	}

}
