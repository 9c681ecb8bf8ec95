package io.temponest.security.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;

import io.temponest.cache.JsonCache;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.RevokedTokens;
import io.temponest.security.apikey.RemoteApiKeyVerifier;

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
 * API-key verification: by default the auth service is asked, through Boot's
 * {@link RestClient.Builder} (so request-id forwarding and observation apply), with a
 * 2-second timeout, and verdicts are cached; keys on the {@link RevokedTokens} deny-list
 * (when there is one) are refused whatever the cache says.
 */
@AutoConfiguration(after = RevocationAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ BearerTokenAuthenticationFilter.class, RestClient.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public final class ApiKeyAutoConfiguration {

	/** Timeout of one verification call. */
	static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	@ConditionalOnMissingBean(ApiKeyVerifier.class)
	RemoteApiKeyVerifier apiKeyVerifier(ObjectProvider<RestClient.Builder> restClientBuilder, JsonCache jsonCache,
			PlatformSecurityProperties properties, ObjectProvider<RevokedTokens> revokedTokens) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(VERIFY_TIMEOUT).build());
		requestFactory.setReadTimeout(VERIFY_TIMEOUT);
		RestClient authService = restClientBuilder.getIfAvailable(RestClient::builder)
			.baseUrl(properties.authServiceUrl())
			.requestFactory(requestFactory)
			.build();
		return new RemoteApiKeyVerifier(authService, jsonCache, properties.apiKeyCacheTtl(),
				revokedTokens.getIfAvailable());
	}

}
