package io.temponest.ingestion;

import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TestTokens;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the service's tests run against besides PostgreSQL and Redis: the test token key
 * (instead of the auth service's JWKS) and a clock the tests move.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every permission the ingestion service checks. */
	public static final List<String> ALL_PERMISSIONS = List.of("agents:read", "agents:execute");

	@Bean
	JWKSource<SecurityContext> testJwkSource() {
		return TestTokens.jwkSource();
	}

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

}
