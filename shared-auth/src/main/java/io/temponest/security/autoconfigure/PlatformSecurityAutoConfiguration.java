package io.temponest.security.autoconfigure;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.temponest.security.RevokedTokens;
import io.temponest.security.TokenVerificationMetrics;
import io.temponest.security.jwt.AccessTokenDecoder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Local verification of platform access tokens: the platform's public keys (by default
 * the auth service's key set, fetched lazily and cached), the access-token
 * {@link JwtDecoder}, and the verification counters.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnClass({ JwtDecoder.class, JWKSource.class, BearerTokenAuthenticationFilter.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public final class PlatformSecurityAutoConfiguration {

	/** Timeout of one key-set request. */
	static final Duration JWKS_TIMEOUT = Duration.ofSeconds(2);

	/** How long a fetched key set is used before it is fetched again. */
	static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(5);

	/** How long the last key set is still used while the auth service is unreachable. */
	static final Duration JWKS_OUTAGE_TOLERANCE = Duration.ofHours(1);

	private static final int JWKS_SIZE_LIMIT = 64 * 1024;

	@Bean
	@ConditionalOnMissingBean
	TokenVerificationMetrics tokenVerificationMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		return new TokenVerificationMetrics(meterRegistry.getIfUnique(() -> Metrics.globalRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	JWKSource<SecurityContext> jwkSource(PlatformSecurityProperties properties) {
		return remoteKeySet(properties.jwkSetUri());
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, PlatformSecurityProperties properties,
			RevokedTokens revokedTokens, TokenVerificationMetrics metrics) {
		PlatformSecurityProperties.Jwt jwt = properties.jwt();
		return new AccessTokenDecoder(
				AccessTokenDecoder.verifier(jwkSource, jwt.issuer(), jwt.audience(), jwt.clockSkew()), revokedTokens,
				metrics, jwt.clockSkew(), JWKS_CACHE_TTL);
	}

	/**
	 * A key set read from a URL: fetched on first use (so a service starts while the auth
	 * service is down), cached, fetched again when a token names an unknown key, and kept
	 * for a while when the auth service is unreachable.
	 * @param jwkSetUri the key set URL
	 * @return the key source
	 */
	static JWKSource<SecurityContext> remoteKeySet(String jwkSetUri) {
		int timeout = (int) JWKS_TIMEOUT.toMillis();
		return JWKSourceBuilder
			.<SecurityContext>create(url(jwkSetUri), new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT))
			.cache(JWKS_CACHE_TTL.toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
			.retrying(true)
			.outageTolerant(JWKS_OUTAGE_TOLERANCE.toMillis())
			.build();
	}

	private static URL url(String uri) {
		try {
			return URI.create(uri).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalStateException("platform.security.jwt.jwk-set-uri is not a URL: " + uri, ex);
		}
	}

}
