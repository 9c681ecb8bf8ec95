package io.temponest.agents;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
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
 * OpenAI-compatible endpoint and Anthropic, one for the ingestion service (answering
 * within a read timeout of {@value #KNOWLEDGE_READ_TIMEOUT}, and like it with a 404
 * problem for anything it was not told about), one for the auth service's API-key
 * verification, one receiving webhooks (at {@value #RECEIVER_HOST}, the one loopback
 * address the tests' allow-list lets webhooks reach), and a clock the tests move.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every permission the agents service checks. */
	public static final List<String> ALL_PERMISSIONS = List.of("agents:read", "agents:execute", "costs:read",
			"webhooks:manage");

	/** How long the ingestion service may take to answer in tests. */
	public static final String KNOWLEDGE_READ_TIMEOUT = "3s";

	private static final WireMockServer PROVIDERS = startServer();

	private static final WireMockServer KNOWLEDGE = startKnowledge();

	private static final WireMockServer AUTH = startServer();

	private static final WireMockServer RECEIVER = startServer();

	/** The address webhooks reach the receiver at (allowed by the tests' allow-list). */
	public static final String RECEIVER_HOST = "127.0.0.2";

	/**
	 * The WireMock LLM providers of this JVM.
	 * @return the server
	 */
	public static WireMockServer providers() {
		return PROVIDERS;
	}

	/**
	 * The WireMock ingestion service of this JVM.
	 * @return the server
	 */
	public static WireMockServer knowledge() {
		return KNOWLEDGE;
	}

	/**
	 * The WireMock auth service of this JVM (API-key verification only).
	 * @return the server
	 */
	public static WireMockServer auth() {
		return AUTH;
	}

	/**
	 * The WireMock webhook receiver of this JVM.
	 * @return the server
	 */
	public static WireMockServer receiver() {
		return RECEIVER;
	}

	/**
	 * A URL of the webhook receiver, at the allowed address {@value #RECEIVER_HOST}.
	 * @param path the path
	 * @return the URL
	 */
	public static String receiverUrl(String path) {
		return "http://" + RECEIVER_HOST + ":" + RECEIVER.port() + path;
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
			registry.add("temponest.agents.knowledge.base-url", KNOWLEDGE::baseUrl);
			registry.add("temponest.agents.knowledge.read-timeout", () -> KNOWLEDGE_READ_TIMEOUT);
			registry.add("platform.security.auth-service-url", AUTH::baseUrl);
		};
	}

	private static WireMockServer startKnowledge() {
		WireMockServer server = startServer();
		server.stubFor(WireMock.any(WireMock.urlPathMatching("/rag/.*"))
			.atPriority(100)
			.willReturn(WireMock.aResponse()
				.withStatus(404)
				.withHeader("Content-Type", "application/problem+json")
				.withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
						+ "\"detail\":\"Collection not found\",\"service\":\"ingestion\"}")));
		return server;
	}

	private static WireMockServer startServer() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
