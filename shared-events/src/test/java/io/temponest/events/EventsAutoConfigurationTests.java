package io.temponest.events;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventsAutoConfiguration}: nothing without a publish URL, a start failure without
 * the service client the relay sends as, defaults in the properties record, and a schema
 * that is not a plain identifier refused.
 */
class EventsAutoConfigurationTests {

	private final ApplicationContextRunner runner = EventsContext.runner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class))
		.withPropertyValues("platform.events.relay-enabled=false");

	@Test
	void publishUrlAbsentOrBlankThenNothingRegistered() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(EventOutbox.class)
			.doesNotHaveBean(OutboxRelay.class));
		this.runner.withPropertyValues("platform.events.publish-url=")
			.run((context) -> assertThat(context).doesNotHaveBean(EventOutbox.class));
	}

	@Test
	void publishUrlThenOutboxAndRelayWithTheRecordsDefaults() {
		this.runner.withPropertyValues(EventsContext.serviceClient())
			.withPropertyValues("platform.events.publish-url=http://localhost:1/internal/events")
			.run((context) -> {
				assertThat(context).hasSingleBean(EventOutbox.class).hasSingleBean(OutboxRelay.class);
				EventsProperties properties = context.getBean(EventsProperties.class);
				assertThat(properties.schema()).isEqualTo("public");
				assertThat(properties.batchSize()).isEqualTo(100);
				assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.maxAttempts()).isEqualTo(10);
				assertThat(properties.backoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.maxBackoff()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.relayEnabled()).isFalse();
			});
	}

	@Test
	void publishUrlWithoutServiceClientThenStartFails() {
		this.runner.withPropertyValues("platform.events.publish-url=http://localhost:1/internal/events")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("no ServiceTokenClient is configured"));
	}

	@Test
	void schemaNotAnIdentifierThenStartFails() {
		this.runner.withPropertyValues(EventsContext.serviceClient())
			.withPropertyValues("platform.events.publish-url=http://localhost:1/internal/events",
					"platform.events.schema=public; DROP TABLE x")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("lower-case SQL identifier"));
	}

}
