package io.temponest.events;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.temponest.security.tenant.TenantTransactions;
import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventsAutoConfiguration}: nothing without a publish URL, a start failure without
 * the service client the relay sends as (unless the service defines its own
 * {@link EventCredentials}), defaults in the properties record, and a schema that is not
 * a plain identifier refused.
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
				assertThat(properties.maxAttempts()).isEqualTo(20);
				assertThat(properties.backoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.maxBackoff()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.relayEnabled()).isFalse();
			});
	}

	private static long pending(UUID tenant) {
		return OutboxDatabase.owner()
			.sql("SELECT count(*) FROM " + OutboxDatabase.SCHEMA + ".event_outbox WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query(Long.class)
			.single();
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
	void eventCredentialsDefinedThenUsedWithoutServiceClient() {
		EventsContext.server()
			.stubFor(post(urlPathEqualTo("/credentials/internal/events"))
				.withHeader("Authorization", equalTo("Bearer self-issued"))
				.willReturn(aResponse().withStatus(202)));
		this.runner
			.withPropertyValues(
					"platform.events.publish-url=" + EventsContext.server().baseUrl() + "/credentials/internal/events",
					"platform.events.schema=" + OutboxDatabase.SCHEMA)
			.withBean(EventCredentials.class, () -> (user) -> "self-issued")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(OutboxRelay.class);
				UUID tenant = UUID.randomUUID();
				context.getBean(TenantTransactions.class)
					.run(tenant,
							() -> context.getBean(EventOutbox.class)
								.publish(new PlatformEvent("key.created", tenant, UUID.randomUUID(), EventLevel.INFO,
										"api_key", "k-1", "API key created", Map.of())));
				OutboxRelay relay = context.getBean(OutboxRelay.class);
				Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
					relay.relayOnce();
					return EventsContext.server()
						.countRequestsMatching(postRequestedFor(urlPathEqualTo("/credentials/internal/events")).build())
						.getCount() > 0 && pending(tenant) == 0;
				});
			});
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
