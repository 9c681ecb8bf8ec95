package io.temponest.security.autoconfigure;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import io.temponest.cache.JsonCache;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.RevokedTokens;
import io.temponest.security.apikey.ApiKeyVerdictSource;
import io.temponest.security.apikey.AuthServiceApiKeyVerdicts;
import io.temponest.security.apikey.CachingApiKeyVerifier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.web.client.RestClient;

/**
 * API-key verification: verdicts cached for {@code api-key-cache-ttl} (never past a key's
 * known expiry), from the application's {@link ApiKeyVerdictSource} bean when it has one
 * (the auth service reads its database) or else from the auth service, asked through
 * Boot's {@link RestClient.Builder} (so request-id forwarding and observation apply) with
 * a 2-second timeout; keys on the {@link RevokedTokens} deny-list (when there is one) are
 * refused whatever the cache says.
 */
@AutoConfiguration(after = { RevocationAutoConfiguration.class, PlatformClockAutoConfiguration.class },
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ BearerTokenAuthenticationFilter.class, RestClient.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public final class ApiKeyAutoConfiguration {

	/** Timeout of one verification call. */
	static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	@ConditionalOnMissingBean(ApiKeyVerifier.class)
	CachingApiKeyVerifier apiKeyVerifier(ObjectProvider<ApiKeyVerdictSource> verdictSource,
			ObjectProvider<RestClient.Builder> restClientBuilder, JsonCache jsonCache,
			PlatformSecurityProperties properties, ObjectProvider<RevokedTokens> revokedTokens,
			ObjectProvider<Clock> clock) {
		ApiKeyVerdictSource source = verdictSource
			.getIfAvailable(() -> authService(restClientBuilder.getIfAvailable(RestClient::builder), properties));
		return new CachingApiKeyVerifier(source, jsonCache, properties.apiKeyCacheTtl(), revokedTokens.getIfAvailable(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	private static AuthServiceApiKeyVerdicts authService(RestClient.Builder builder,
			PlatformSecurityProperties properties) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(VERIFY_TIMEOUT).build());
		requestFactory.setReadTimeout(VERIFY_TIMEOUT);
		return new AuthServiceApiKeyVerdicts(
				builder.baseUrl(properties.authServiceUrl()).requestFactory(requestFactory).build());
	}

}
