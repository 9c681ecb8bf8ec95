package io.temponest.security.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import io.temponest.security.RevokedTokens;
import io.temponest.security.TokenVerificationMetrics;
import io.temponest.security.jwt.AccessTokenDecoder;
import io.temponest.security.testapp.InMemoryRevokedTokens;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PlatformSecurityAutoConfiguration}: key source, decoder, metrics and properties.
 */
class PlatformSecurityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformSecurityAutoConfiguration.class))
		.withBean(RevokedTokens.class, InMemoryRevokedTokens::new);

	@Test
	void defaultsWhenNothingConfiguredThenRemoteKeysAccessTokenDecoderAndDefaultProperties() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JWKSource.class)
				.hasSingleBean(TokenVerificationMetrics.class)
				.getBean(JwtDecoder.class)
				.isInstanceOf(AccessTokenDecoder.class);
			PlatformSecurityProperties properties = context.getBean(PlatformSecurityProperties.class);
			assertThat(properties.authServiceUrl()).isEqualTo("http://localhost:9002");
			assertThat(properties.jwkSetUri()).isEqualTo("http://localhost:9002/.well-known/jwks.json");
			assertThat(properties.jwt().issuer()).isEqualTo("temponest-auth");
			assertThat(properties.jwt().audience()).isEqualTo("temponest");
			assertThat(properties.jwt().clockSkew()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.apiKeyCacheTtl()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.revocation().resyncInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.publicPaths()).isEmpty();
			assertThat(properties.allPublicPaths())
				.containsExactlyElementsOf(PlatformSecurityProperties.BUILT_IN_PUBLIC_PATHS);
			assertThat(properties.cors().allowedOrigins()).isEmpty();
			assertThat(properties.cors().allowedMethods()).containsExactly("GET", "POST", "PUT", "PATCH", "DELETE",
					"OPTIONS");
			assertThat(properties.cors().allowedHeaders()).containsExactly("Authorization", "Content-Type", "X-API-Key",
					"X-Request-ID");
			assertThat(properties.cors().exposedHeaders()).containsExactly("X-Request-ID", "X-RateLimit-Limit",
					"X-RateLimit-Remaining", "Retry-After");
			assertThat(properties.cors().allowCredentials()).isTrue();
			assertThat(properties.cors().maxAge()).isEqualTo(Duration.ofSeconds(600));
		});
	}

	@Test
	void propertiesWhenOverriddenThenBound() {
		this.runner
			.withPropertyValues("platform.security.auth-service-url=http://auth:9002/",
					"platform.security.jwt.issuer=issuer-x", "platform.security.jwt.audience=audience-x",
					"platform.security.jwt.clock-skew=10s", "platform.security.api-key-cache-ttl=1m",
					"platform.security.public-paths=/auth/login,/auth/register",
					"platform.security.max-request-size=2MB", "platform.security.revocation.resync-interval=5s",
					"platform.security.cors.allowed-origins=https://console.example.com",
					"platform.security.cors.allow-credentials=false", "platform.security.cors.max-age=1h")
			.run((context) -> {
				PlatformSecurityProperties properties = context.getBean(PlatformSecurityProperties.class);
				assertThat(properties.jwkSetUri()).isEqualTo("http://auth:9002/.well-known/jwks.json");
				assertThat(properties.jwt().issuer()).isEqualTo("issuer-x");
				assertThat(properties.jwt().audience()).isEqualTo("audience-x");
				assertThat(properties.jwt().clockSkew()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.apiKeyCacheTtl()).isEqualTo(Duration.ofMinutes(1));
				assertThat(properties.allPublicPaths()).contains("/health", "/auth/login", "/auth/register");
				assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(2));
				assertThat(properties.revocation().resyncInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.cors().allowedOrigins()).containsExactly("https://console.example.com");
				assertThat(properties.cors().allowCredentials()).isFalse();
				assertThat(properties.cors().maxAge()).isEqualTo(Duration.ofHours(1));
			});
	}

	@Test
	void jwkSetUriWhenSetThenUsedAsIs() {
		this.runner.withPropertyValues("platform.security.jwt.jwk-set-uri=https://keys.example.com/jwks")
			.run((context) -> assertThat(context.getBean(PlatformSecurityProperties.class).jwkSetUri())
				.isEqualTo("https://keys.example.com/jwks"));
	}

	@Test
	void issuerWhenOverriddenThenTokensOfTheDefaultIssuerRejected() {
		this.runner.withBean("testJwkSource", JWKSource.class, TestTokens::jwkSource)
			.withPropertyValues("platform.security.jwt.issuer=issuer-x")
			.run((context) -> assertThatExceptionOfType(BadJwtException.class)
				.isThrownBy(() -> context.getBean(JwtDecoder.class).decode(TestTokens.access())));
	}

	@Test
	void corsWhenWildcardOriginWithCredentialsThenStartupRefused() {
		this.runner.withPropertyValues("platform.security.cors.allowed-origins=*")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must not contain '*'"));
	}

	@Test
	void corsWhenWildcardOriginWithoutCredentialsThenAccepted() {
		this.runner
			.withPropertyValues("platform.security.cors.allowed-origins=*",
					"platform.security.cors.allow-credentials=false")
			.run((context) -> assertThat(context.getBean(PlatformSecurityProperties.class).cors().allowedOrigins())
				.isEqualTo(List.of("*")));
	}

	@Test
	void jwkSourceWhenUserDefinedThenDecoderVerifiesWithIt() {
		this.runner.withBean("testJwkSource", JWKSource.class, TestTokens::jwkSource).run((context) -> {
			assertThat(context).hasSingleBean(JWKSource.class);
			assertThat(context.getBean(JwtDecoder.class).decode(TestTokens.access("agents:read")).getSubject())
				.isNotBlank();
		});
	}

	@Test
	void jwtDecoderWhenUserDefinedThenBacksOff() {
		JwtDecoder custom = (token) -> {
			throw new BadJwtException("custom");
		};
		this.runner.withBean("customDecoder", JwtDecoder.class, () -> custom)
			.run((context) -> assertThat(context).getBean(JwtDecoder.class).isSameAs(custom));
	}

	@Test
	void startWhenKeySetUnreachableThenContextStartsAndVerificationFailsLater() {
		this.runner.withPropertyValues("platform.security.jwt.jwk-set-uri=http://127.0.0.1:9/.well-known/jwks.json")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(JwtException.class)
					.isThrownBy(() -> context.getBean(JwtDecoder.class).decode(TestTokens.access()));
			});
	}

	@Test
	void resourceServerAbsentThenNothingRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JwtDecoder.class)
				.doesNotHaveBean(JWKSource.class)
				.doesNotHaveBean(TokenVerificationMetrics.class)
				.doesNotHaveBean(PlatformSecurityProperties.class));
	}

}
