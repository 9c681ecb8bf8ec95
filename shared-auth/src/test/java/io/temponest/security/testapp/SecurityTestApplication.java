package io.temponest.security.testapp;

import io.temponest.testsupport.TestTokens;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.testsupport.PlatformTestInfrastructure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The service every web test runs: shared-auth's and shared-cache's auto-configuration
 * with a protected controller, test keys, the real PostgreSQL and Redis, and WireMock as
 * the auth service.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ PlatformTestInfrastructure.class, ProtectedController.class, TenantProbe.class })
public class SecurityTestApplication {

	@Bean
	JWKSource<SecurityContext> testJwkSource() {
		return TestTokens.jwkSource();
	}

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
