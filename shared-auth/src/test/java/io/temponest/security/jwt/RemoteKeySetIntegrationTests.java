package io.temponest.security.jwt;

import java.util.Arrays;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.temponest.security.RevokedTokens;
import io.temponest.security.autoconfigure.PlatformSecurityAutoConfiguration;
import io.temponest.security.testapp.AuthServiceStub;
import io.temponest.security.testapp.InMemoryRevokedTokens;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The default key source against a WireMock key set: lazy fetch, caching and key
 * rotation.
 */
class RemoteKeySetIntegrationTests {

	private static final String JWKS_PATH = "/.well-known/jwks.json";

	private final WireMockServer authService = AuthServiceStub.server();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformSecurityAutoConfiguration.class))
		.withBean(RevokedTokens.class, InMemoryRevokedTokens::new)
		.withPropertyValues("platform.security.auth-service-url=" + AuthServiceStub.baseUrl());

	@BeforeEach
	void resetAuthService() {
		this.authService.resetAll();
	}

	@Test
	void decodeWhenKeysRotatedThenUnknownKeyIdTriggersOneRefetch() {
		RSAKey first = TestTokens.generateKey("rotation-1");
		RSAKey second = TestTokens.generateKey("rotation-2");
		serveKeys(first);
		this.runner.run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			this.authService.verify(0, getRequestedFor(urlEqualTo(JWKS_PATH)));
			decoder.decode(TestTokens.sign(TestTokens.accessClaims().build(), first));
			decoder.decode(TestTokens.sign(TestTokens.accessClaims().build(), first));
			this.authService.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
			serveKeys(first, second);
			assertThat(decoder.decode(TestTokens.sign(TestTokens.accessClaims().build(), second)).getId()).isNotBlank();
			this.authService.verify(2, getRequestedFor(urlEqualTo(JWKS_PATH)));
			decoder.decode(TestTokens.sign(TestTokens.accessClaims().build(), second));
			decoder.decode(TestTokens.sign(TestTokens.accessClaims().build(), first));
			this.authService.verify(2, getRequestedFor(urlEqualTo(JWKS_PATH)));
		});
	}

	@Test
	void decodeWhenKeyIdUnknownAfterRefetchThenRejected() {
		serveKeys(TestTokens.generateKey("served"));
		this.runner.run((context) -> assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> context.getBean(JwtDecoder.class)
				.decode(TestTokens.sign(TestTokens.accessClaims().build(), TestTokens.generateKey("not-served")))));
	}

	private void serveKeys(RSAKey... keys) {
		List<JWK> publicKeys = Arrays.stream(keys).map(RSAKey::toPublicJWK).map(JWK.class::cast).toList();
		this.authService.stubFor(get(JWKS_PATH).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(new JWKSet(publicKeys).toString())));
	}

}
