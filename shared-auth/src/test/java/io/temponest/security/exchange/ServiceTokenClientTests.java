package io.temponest.security.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.PlatformAuthentication;
import io.temponest.security.testapp.AuthServiceStub;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ServiceTokenClient} and {@link ServiceTokenInterceptor} against a WireMock auth
 * service: the exchange request, caching until shortly before expiry, the bound of the
 * cache, refusals, and the headers of intercepted calls.
 */
class ServiceTokenClientTests {

	private static final String CLIENT_ID = "scheduler";

	private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

	private final WireMockServer server = AuthServiceStub.server();

	private final String base = "/exchange-" + UUID.randomUUID();

	private final MutableClock clock = new MutableClock();

	private final UUID tenantId = UUID.randomUUID();

	private final UUID userId = UUID.randomUUID();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
		MDC.clear();
	}

	@Test
	void tokenForWhenGrantedThenRfc8693FormWithBasicClientAuthentication() {
		stubExchange(okJson(granted("token-1", 300)));
		assertThat(client(List.of("agents:execute"), 100).tokenFor(this.tenantId, this.userId)).isEqualTo("token-1");
		this.server.verify(1,
				postRequestedFor(urlEqualTo(exchangePath()))
					.withHeader("Authorization",
							equalTo("Basic " + Base64.getEncoder()
								.encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8))))
					.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
					.withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:token-exchange"))
					.withFormParam("subject_token", equalTo(this.userId.toString()))
					.withFormParam("subject_token_type", equalTo("urn:temponest:params:oauth:token-type:user-id"))
					.withFormParam("tenant_id", equalTo(this.tenantId.toString()))
					.withFormParam("requested_token_type", equalTo("urn:ietf:params:oauth:token-type:access_token"))
					.withFormParam("scope", equalTo("agents:execute")));
	}

	@Test
	void withScopeWhenUsedThenOwnScopeAndOwnCache() {
		stubExchange(okJson(granted("token-1", 300)));
		ServiceTokenClient runs = client(List.of("agents:execute"), 100);
		ServiceTokenClient events = runs.withScope(List.of());
		events.tokenFor(this.tenantId, this.userId);
		this.server.verify(1, postRequestedFor(urlEqualTo(exchangePath())).withoutFormParam("scope"));
		runs.tokenFor(this.tenantId, this.userId);
		this.server.verify(1,
				postRequestedFor(urlEqualTo(exchangePath())).withFormParam("scope", equalTo("agents:execute")));
		events.tokenFor(this.tenantId, this.userId);
		assertThat(exchanges()).as("each client cached its own token").isEqualTo(2);
	}

	@Test
	void tokenForWhenCachedThenReusedUntilRefreshBeforeExpiry() {
		stubExchange(okJson(granted("token-1", 300)));
		ServiceTokenClient client = client(List.of(), 100);
		client.tokenFor(this.tenantId, this.userId);
		this.clock.advance(Duration.ofSeconds(239));
		assertThat(client.tokenFor(this.tenantId, this.userId)).isEqualTo("token-1");
		assertThat(exchanges()).isOne();
		stubExchange(okJson(granted("token-2", 300)));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(client.tokenFor(this.tenantId, this.userId)).isEqualTo("token-2");
		assertThat(exchanges()).isEqualTo(2);
	}

	@Test
	void tokenForWhenLifetimeShorterThanRefreshMarginThenReplacedAtHalfLife() {
		stubExchange(okJson(granted("token-1", 40)));
		ServiceTokenClient client = client(List.of(), 100);
		client.tokenFor(this.tenantId, this.userId);
		this.clock.advance(Duration.ofSeconds(19));
		client.tokenFor(this.tenantId, this.userId);
		assertThat(exchanges()).isOne();
		this.clock.advance(Duration.ofSeconds(1));
		client.tokenFor(this.tenantId, this.userId);
		assertThat(exchanges()).isEqualTo(2);
	}

	@Test
	void tokenForWhenOtherUserOrTenantThenOwnExchange() {
		stubExchange(okJson(granted("token-1", 300)));
		ServiceTokenClient client = client(List.of(), 100);
		client.tokenFor(this.tenantId, this.userId);
		client.tokenFor(this.tenantId, UUID.randomUUID());
		client.tokenFor(UUID.randomUUID(), this.userId);
		assertThat(exchanges()).isEqualTo(3);
	}

	@Test
	void cacheWhenFullThenLeastRecentlyUsedUserDropped() {
		stubExchange(okJson(granted("token-1", 300)));
		ServiceTokenClient client = client(List.of(), 2);
		UUID second = UUID.randomUUID();
		UUID third = UUID.randomUUID();
		client.tokenFor(this.tenantId, this.userId);
		client.tokenFor(this.tenantId, second);
		client.tokenFor(this.tenantId, this.userId);
		client.tokenFor(this.tenantId, third);
		assertThat(exchanges()).isEqualTo(3);
		client.tokenFor(this.tenantId, this.userId);
		assertThat(exchanges()).isEqualTo(3);
		client.tokenFor(this.tenantId, second);
		assertThat(exchanges()).isEqualTo(4);
	}

	@Test
	void tokenForWhenUserRefusedThenUserRefusedExceptionAndNothingCached() {
		stubExchange(problem(400, "invalid_grant", "User account is inactive"));
		ServiceTokenClient client = client(List.of(), 100);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(TokenExchangeException.class)
				.isThrownBy(() -> client.tokenFor(this.tenantId, this.userId))
				.withMessageContaining("User account is inactive")
				.satisfies((ex) -> {
					assertThat(ex.isUserRefused()).isTrue();
					assertThat(ex.error()).isEqualTo("invalid_grant");
				});
		}
		assertThat(exchanges()).isEqualTo(2);
		stubExchange(problem(400, "invalid_scope", "User lacks permission agents:execute"));
		assertThatExceptionOfType(TokenExchangeException.class)
			.isThrownBy(() -> client.tokenFor(this.tenantId, this.userId))
			.satisfies((ex) -> assertThat(ex.isUserRefused()).isTrue());
	}

	@Test
	void tokenForWhenClientRefusedOrAuthServiceFailingThenNotAUserRefusal() {
		ServiceTokenClient client = client(List.of(), 100);
		stubExchange(problem(401, "invalid_client", "Client authentication failed"));
		assertThatExceptionOfType(TokenExchangeException.class)
			.isThrownBy(() -> client.tokenFor(this.tenantId, this.userId))
			.satisfies((ex) -> {
				assertThat(ex.isUserRefused()).isFalse();
				assertThat(ex.error()).isEqualTo("invalid_client");
			});
		stubExchange(aResponse().withStatus(503).withBody("down"));
		assertThatExceptionOfType(TokenExchangeException.class)
			.isThrownBy(() -> client.tokenFor(this.tenantId, this.userId))
			.satisfies((ex) -> assertThat(ex.isUserRefused()).isFalse());
		stubExchange(okJson("{\"token_type\": \"Bearer\"}"));
		assertThatExceptionOfType(TokenExchangeException.class)
			.isThrownBy(() -> client.tokenFor(this.tenantId, this.userId))
			.satisfies((ex) -> assertThat(ex.isUserRefused()).isFalse());
		ServiceTokenClient unreachable = new ServiceTokenClient(RestClient.create("http://127.0.0.1:1"), CLIENT_ID,
				SECRET, List.of(), Duration.ofSeconds(60), 100, this.clock);
		assertThatExceptionOfType(TokenExchangeException.class)
			.isThrownBy(() -> unreachable.tokenFor(this.tenantId, this.userId))
			.satisfies((ex) -> assertThat(ex.isUserRefused()).isFalse());
	}

	@Test
	void interceptorWhenUserNamedByAttributeThenBearerTokenAndRequestId() {
		stubExchange(okJson(granted("token-1", 300)));
		this.server.stubFor(get(this.base + "/downstream").willReturn(okJson("{}")));
		MDC.put("request_id", "req-42");
		downstream().get()
			.uri(this.base + "/downstream")
			.attribute(ActingUser.ATTRIBUTE, new ActingUser(this.tenantId, this.userId))
			.retrieve()
			.toBodilessEntity();
		this.server.verify(getRequestedFor(urlEqualTo(this.base + "/downstream"))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.withHeader("X-Request-ID", equalTo("req-42")));
	}

	@Test
	void interceptorWhenSignedInUserThenActsForThatUser() {
		stubExchange(okJson(granted("token-1", 300)));
		this.server.stubFor(get(this.base + "/downstream").willReturn(okJson("{}")));
		AuthPrincipal principal = new AuthPrincipal(this.userId.toString(), this.tenantId.toString(), "u@example.com",
				List.of("developer"), List.of("agents:execute"), false, AuthType.JWT);
		SecurityContextHolder.getContext().setAuthentication(new PlatformAuthentication(principal, "incoming-token"));
		downstream().get().uri(this.base + "/downstream").retrieve().toBodilessEntity();
		this.server.verify(getRequestedFor(urlEqualTo(this.base + "/downstream")).withHeader("Authorization",
				equalTo("Bearer token-1")));
		this.server.verify(postRequestedFor(urlEqualTo(exchangePath())).withFormParam("subject_token",
				equalTo(this.userId.toString())));
	}

	@Test
	void interceptorWhenNoUserThenFailsBeforeSending() {
		this.server.stubFor(get(this.base + "/downstream").willReturn(okJson("{}")));
		assertThatIllegalStateException()
			.isThrownBy(() -> downstream().get().uri(this.base + "/downstream").retrieve().toBodilessEntity())
			.withMessageContaining("No user to act for");
		this.server.verify(0, getRequestedFor(urlEqualTo(this.base + "/downstream")));
	}

	@Test
	void interceptorWhenAuthorizationPresentThenSentAsItIs() {
		this.server.stubFor(get(this.base + "/downstream").willReturn(okJson("{}")));
		downstream().get()
			.uri(this.base + "/downstream")
			.header(HttpHeaders.AUTHORIZATION, "Bearer own")
			.retrieve()
			.toBodilessEntity();
		this.server.verify(getRequestedFor(urlEqualTo(this.base + "/downstream")).withHeader("Authorization",
				equalTo("Bearer own")));
		assertThat(exchanges()).isZero();
	}

	private RestClient downstream() {
		return RestClient.builder()
			.baseUrl(AuthServiceStub.baseUrl())
			.requestInterceptor(new ServiceTokenInterceptor(client(List.of(), 100)))
			.build();
	}

	private ServiceTokenClient client(List<String> scope, int maxCachedUsers) {
		RestClient authService = RestClient.create(AuthServiceStub.baseUrl() + this.base);
		return new ServiceTokenClient(authService, CLIENT_ID, SECRET, scope, Duration.ofSeconds(60), maxCachedUsers,
				this.clock);
	}

	private void stubExchange(ResponseDefinitionBuilder response) {
		MappingBuilder mapping = post(urlEqualTo(exchangePath())).willReturn(response);
		this.server.stubFor(mapping);
	}

	private String exchangePath() {
		return this.base + ServiceTokenClient.EXCHANGE_PATH;
	}

	private int exchanges() {
		return this.server.countRequestsMatching(postRequestedFor(urlEqualTo(exchangePath())).build()).getCount();
	}

	private static String granted(String token, long expiresIn) {
		return "{\"access_token\": \"" + token + "\", \"issued_token_type\": "
				+ "\"urn:ietf:params:oauth:token-type:access_token\", \"token_type\": \"Bearer\", \"expires_in\": "
				+ expiresIn + "}";
	}

	private static ResponseDefinitionBuilder problem(int status, String error, String detail) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"type\": \"about:blank\", \"status\": " + status + ", \"detail\": \"" + detail
					+ "\", \"error\": \"" + error + "\"}");
	}

}
