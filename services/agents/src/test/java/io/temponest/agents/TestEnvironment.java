package io.temponest.agents;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TestTokens;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What the service's tests run against besides PostgreSQL and Redis: the test token key
 * (instead of the auth service's JWKS), one WireMock server standing in for Ollama, an
 * OpenAI-compatible endpoint and Anthropic, and a clock the tests move.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every permission the agents service checks. */
	public static final List<String> ALL_PERMISSIONS = List.of("agents:read", "agents:execute", "costs:read");

	private static final WireMockServer PROVIDERS = startProviders();

	/**
	 * The WireMock LLM providers of this JVM.
	 * @return the server
	 */
	public static WireMockServer providers() {
		return PROVIDERS;
	}

	@Bean
	JWKSource<SecurityContext> testJwkSource() {
		return TestTokens.jwkSource();
	}

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

	@Bean
	static DynamicPropertyRegistrar providerProperties() {
		return (registry) -> {
			registry.add("temponest.llm.ollama.base-url", PROVIDERS::baseUrl);
			registry.add("temponest.llm.openai.base-url", () -> PROVIDERS.baseUrl() + "/v1");
			registry.add("temponest.llm.openai.api-key", () -> "sk-test-openai");
			registry.add("temponest.llm.anthropic.base-url", () -> PROVIDERS.baseUrl() + "/v1");
			registry.add("temponest.llm.anthropic.api-key", () -> "sk-ant-test");
		};
	}

	private static WireMockServer startProviders() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
