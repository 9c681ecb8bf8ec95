package io.temponest.events;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temponest.security.autoconfigure.PlatformClockAutoConfiguration;
import io.temponest.security.autoconfigure.ServiceClientAutoConfiguration;
import io.temponest.security.exchange.ServiceTokenClient;

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
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Platform events, configured when {@code platform.events.publish-url} is set: the
 * {@link EventOutbox} that services publish with, and the {@link OutboxRelay} that
 * delivers the outbox to that URL as the events' users (with an {@link EventCredentials}
 * bean, else through the {@link ServiceTokenClient}, which must then be configured:
 * {@code platform.security.service-client.*}; events are sent with tokens exchanged
 * apart, asking for no permission and cached apart from the service's other calls). Needs
 * a {@link JdbcClient} on the service's database, whose schema
 * {@code platform.events.schema} holds the outbox table and functions of the package
 * documentation.
 */
@AutoConfiguration(after = { PlatformClockAutoConfiguration.class, ServiceClientAutoConfiguration.class },
		afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, RestClient.class })
@Conditional(EventsAutoConfiguration.PublishUrlConfigured.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsAutoConfiguration {

	@Bean
	EventMetrics eventMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		return new EventMetrics(meterRegistry.getIfAvailable(CompositeMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxRelay outboxRelay(EventsProperties properties, JdbcClient jdbc,
			ObjectProvider<EventCredentials> eventCredentials, ObjectProvider<ServiceTokenClient> serviceTokenClient,
			ObjectProvider<RestClient.Builder> restClientBuilder, EventMetrics eventMetrics,
			ObjectProvider<Clock> clock, Environment environment) {
		EventCredentials tokens = eventCredentials.getIfAvailable();
		if (tokens == null) {
			ServiceTokenClient client = serviceTokenClient.getIfAvailable();
			if (client == null) {
				throw new IllegalStateException("platform.events.publish-url is set but no ServiceTokenClient is "
						+ "configured (platform.security.service-client.client-id) and no EventCredentials bean "
						+ "defined: events are sent as their users");
			}
			tokens = EventCredentials.of(client.withScope(List.of()));
		}
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		requestFactory.setReadTimeout(properties.timeout());
		RestClient receiver = restClientBuilder.getIfAvailable(RestClient::builder)
			.baseUrl(String.valueOf(properties.publishUrl()))
			.requestFactory(requestFactory)
			.build();
		String service = StringUtils.hasText(properties.service()) ? properties.service()
				: environment.getProperty("spring.application.name", "unknown");
		return new OutboxRelay(new OutboxStore(jdbc, properties.schema()), new EventSender(receiver, tokens, service),
				eventMetrics, properties, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	EventOutbox eventOutbox(EventsProperties properties, JdbcClient jdbc, OutboxRelay outboxRelay,
			EventMetrics eventMetrics, ObjectProvider<Clock> clock) {
		return new EventOutbox(jdbc, clock.getIfAvailable(Clock::systemUTC), eventMetrics, outboxRelay::wake,
				properties.schema());
	}

	/** Matches when {@code platform.events.publish-url} has text. */
	static final class PublishUrlConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("platform.events.publish-url");
			return StringUtils.hasText(url) ? ConditionOutcome.match("events published to " + url)
					: ConditionOutcome.noMatch("no platform.events.publish-url");
		}

	}

}
