package io.temponest.scheduler;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temponest.scheduler.dispatch.Poller;
import io.temponest.scheduler.dispatch.Polls;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TestTokens;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What the service's tests run against besides PostgreSQL and Redis: the test token key
 * (instead of the auth service's JWKS), a WireMock server speaking the agents API, and a
 * clock the tests move.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every scheduler permission. */
	public static final List<String> ALL_PERMISSIONS = List.of("schedules:read", "schedules:write",
			"schedules:execute");

	private static final WireMockServer AGENTS = startAgents();

	/**
	 * The WireMock agents service of this JVM.
	 * @return the server
	 */
	public static WireMockServer agents() {
		return AGENTS;
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
		return (registry) -> registry.add("temponest.scheduler.agents.base-url", AGENTS::baseUrl);
	}

	private static WireMockServer startAgents() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
