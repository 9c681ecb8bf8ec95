package io.temponest.security.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.security.exchange.ServiceTokenInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The client that obtains tokens of the users this service acts for, configured when
 * {@code platform.security.service-client.client-id} is set: it calls the auth service at
 * {@code platform.security.auth-service-url} through Boot's {@link RestClient.Builder}
 * (so observation and request-id forwarding apply), and a {@link ServiceTokenInterceptor}
 * for the service's own {@code RestClient}s. A client id without a secret (or secret
 * file) fails the start.
 */
@AutoConfiguration(after = PlatformClockAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@Conditional(ServiceClientAutoConfiguration.ClientIdConfigured.class)
@EnableConfigurationProperties({ ServiceClientProperties.class, PlatformSecurityProperties.class })
public final class ServiceClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceTokenClient serviceTokenClient(ObjectProvider<RestClient.Builder> restClientBuilder,
			ServiceClientProperties properties, PlatformSecurityProperties platform, ObjectProvider<Clock> clock) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		requestFactory.setReadTimeout(properties.timeout());
		RestClient authService = restClientBuilder.getIfAvailable(RestClient::builder)
			.baseUrl(platform.authServiceUrl())
			.requestFactory(requestFactory)
			.build();
		return new ServiceTokenClient(authService, properties.clientId(), secretOf(properties), properties.scope(),
				properties.refreshBefore(), properties.maxCachedUsers(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceTokenInterceptor serviceTokenInterceptor(ServiceTokenClient serviceTokenClient) {
		return new ServiceTokenInterceptor(serviceTokenClient);
	}

	private static String secretOf(ServiceClientProperties properties) {
		if (StringUtils.hasText(properties.clientSecret())) {
			return properties.clientSecret().strip();
		}
		if (StringUtils.hasText(properties.clientSecretFile())) {
			try {
				String secret = Files.readString(Path.of(properties.clientSecretFile()), StandardCharsets.UTF_8)
					.strip();
				if (!secret.isEmpty()) {
					return secret;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read platform.security.service-client.client-secret-file", ex);
			}
		}
		throw new IllegalStateException("platform.security.service-client.client-id is set to '" + properties.clientId()
				+ "' but neither client-secret nor a non-empty client-secret-file is configured");
	}

	/** Matches when {@code platform.security.service-client.client-id} has text. */
	static final class ClientIdConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String clientId = context.getEnvironment().getProperty("platform.security.service-client.client-id");
			return StringUtils.hasText(clientId) ? ConditionOutcome.match("service client id " + clientId)
					: ConditionOutcome.noMatch("no platform.security.service-client.client-id");
		}

	}

}
