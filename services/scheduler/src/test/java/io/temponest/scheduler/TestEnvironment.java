package io.temponest.scheduler;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temponest.scheduler.dispatch.Poller;
import io.temponest.scheduler.dispatch.Polls;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TestTokens;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * What the service's tests run against besides PostgreSQL and Redis: the test token key
 * (instead of the auth service's JWKS), WireMock servers speaking the agents API and the
 * auth service's token exchange, and a clock the tests move.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every scheduler permission. */
	public static final List<String> ALL_PERMISSIONS = List.of("schedules:read", "schedules:write",
			"schedules:execute");

	/** The secret of the scheduler's service client in tests. */
	public static final String SERVICE_CLIENT_SECRET = "test-only-scheduler-client-secret-0123456789";

	/** The token the WireMock auth service gives for any user by default. */
	public static final String EXCHANGED_TOKEN = "exchanged-test-token";

	private static final WireMockServer AGENTS = startServer();

	private static final WireMockServer AUTH = startAuth();

	/**
	 * The WireMock agents service of this JVM.
	 * @return the server
	 */
	public static WireMockServer agents() {
		return AGENTS;
	}

	/**
	 * The WireMock auth service of this JVM: it grants every token exchange with
	 * {@link #EXCHANGED_TOKEN} unless a test stubs an answer of higher priority.
	 * @return the server
	 */
	public static WireMockServer auth() {
		return AUTH;
	}

	@Bean
	JWKSource<SecurityContext> testJwkSource() {
		return TestTokens.jwkSource();
	}

	@Bean
	Polls polls(Poller poller) {
		return new Polls(poller);
	}

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

	@Bean
	static DynamicPropertyRegistrar agentsServiceProperties() {
		return (registry) -> {
			registry.add("temponest.scheduler.agents.base-url", AGENTS::baseUrl);
			registry.add("platform.security.auth-service-url", AUTH::baseUrl);
			registry.add("platform.security.service-client.client-secret", () -> SERVICE_CLIENT_SECRET);
		};
	}

	private static WireMockServer startAuth() {
		WireMockServer server = startServer();
		server.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH)).atPriority(10)
			.willReturn(okJson("{\"access_token\": \"" + EXCHANGED_TOKEN
					+ "\", \"issued_token_type\": \"urn:ietf:params:oauth:token-type:access_token\", "
					+ "\"token_type\": \"Bearer\", \"expires_in\": 300}")));
		return server;
	}

	private static WireMockServer startServer() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
