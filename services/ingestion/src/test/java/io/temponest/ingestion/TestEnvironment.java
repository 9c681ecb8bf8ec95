package io.temponest.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

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
 * (instead of the auth service's JWKS), a WireMock server standing in for Ollama's
 * embedding API (model {@value #OLLAMA_MODEL}, {@value #OLLAMA_DIMENSION} dimensions), a
 * temporary watched folder of the tenant {@link #WATCH_TENANT}, and a clock the tests
 * move.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every permission the ingestion service checks. */
	public static final List<String> ALL_PERMISSIONS = List.of("agents:read", "agents:execute");

	/** The Ollama embedding model the tests configure. */
	public static final String OLLAMA_MODEL = "nomic-embed-text";

	/** Its dimension. */
	public static final int OLLAMA_DIMENSION = 768;

	/** The tenant of the watched folder. */
	public static final UUID WATCH_TENANT = UUID.randomUUID();

	private static final WireMockServer OLLAMA = start();

	private static final Path WATCHED = createFolder();

	/** The WireMock server standing in for Ollama. */
	public static WireMockServer ollama() {
		return OLLAMA;
	}

	/** The watched folder. */
	public static Path watchedFolder() {
		return WATCHED;
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
	static DynamicPropertyRegistrar environmentProperties() {
		return (registry) -> {
			registry.add("temponest.ingestion.embedding.ollama.base-url", OLLAMA::baseUrl);
			registry.add("temponest.ingestion.embedding.ollama.models." + OLLAMA_MODEL, () -> OLLAMA_DIMENSION);
			registry.add("temponest.ingestion.watch.directory", WATCHED::toString);
			registry.add("temponest.ingestion.watch.tenant-id", WATCH_TENANT::toString);
		};
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	private static Path createFolder() {
		try {
			Path folder = Files.createTempDirectory("temponest-watched-");
			folder.toFile().deleteOnExit();
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
