package io.temponest.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.events.OutboxStore.OutboxRow;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.MutableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox contract ({@code event-outbox.sql}) and the relay on the real PostgreSQL: a
 * commit wakes the relay (no waiting for the poll), claims are leased and marks fenced,
 * the receiver's answers are classified (2xx delivered, 408/429/5xx retried, other 4xx
 * dead), attempts run out into a dead letter, 150 events of one user go in two requests,
 * back-off doubles with jitter up to its cap, and the metrics count it all.
 */
class OutboxRelayIntegrationTests {

	private static final String PATH = "/relay-tests/internal/events";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ApplicationContextRunner runner = EventsContext.runner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class))
		.withBean(Clock.class, () -> this.clock)
		.withBean(MeterRegistry.class, () -> this.meters)
		.withPropertyValues(EventsContext.serviceClient())
		.withPropertyValues("platform.events.publish-url=" + EventsContext.server().baseUrl() + PATH,
				"platform.events.schema=" + OutboxDatabase.SCHEMA, "platform.events.relay-enabled=false",
				"platform.events.max-attempts=3");

	@Test
	void commitThenRelayWokenAndEventDeliveredWithoutWaitingForThePoll() {
		this.runner.withPropertyValues("platform.events.relay-enabled=true", "platform.events.poll-interval=1h")
			.run((context) -> {
				Tenant tenant = Tenant.answering(202);
				OutboxRelay relay = context.getBean(OutboxRelay.class);
				// the loop's first pass is done: it now waits an hour unless woken
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> relay.passes() == 1);
				UUID id = publish(context, tenant, "test.woken");
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tenant.received().size() == 1);
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> relay.passes() == 2);
				JsonNode event = JSON.readTree(tenant.received().get(0).getBodyAsString()).get("events").get(0);
				assertThat(event.get("id").asString()).isEqualTo(id.toString());
				assertThat(event.get("service").asString()).isEqualTo("testsvc");
				assertThat(event.get("occurred_at").asString()).isEqualTo("2026-12-07T10:00:00.000Z");
				assertThat(event.get("level").asString()).isEqualTo("success");
				assertThat(event.get("details").get("n").asInt()).isEqualTo(7);
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tenant.rows().isEmpty());
				assertThat(this.meters.counter("temponest.events.published").count()).isGreaterThanOrEqualTo(1);
				assertThat(this.meters.counter("temponest.events.delivered").count()).isGreaterThanOrEqualTo(1);
			});
	}

	@ParameterizedTest
	@CsvSource({ "202, delivered", "200, delivered", "408, retried", "429, retried", "500, retried", "503, retried",
			"400, dead", "401, retried", "403, dead", "404, dead", "422, dead" })
	void receiverAnswersThenEventsClassified(int status, String expected) {
		this.runner.run((context) -> {
			Tenant tenant = Tenant.answering(status);
			publish(context, tenant, "test.classified");
			relayUntil(context, tenant, (rows) -> rows.isEmpty() || rows.get(0).get("attempts").equals(1));
			List<Map<String, Object>> rows = tenant.rows();
			switch (expected) {
				case "delivered" -> assertThat(rows).isEmpty();
				case "retried" -> assertThat(rows).singleElement().satisfies((row) -> {
					assertThat(row).containsEntry("state", "pending");
					assertThat((String) row.get("last_error")).startsWith("HTTP " + status);
					assertThat(toInstant(row.get("next_attempt_at"))).isAfter(this.clock.instant());
				});
				default -> assertThat(rows).singleElement().satisfies((row) -> {
					assertThat(row).containsEntry("state", "dead");
					assertThat((String) row.get("last_error")).startsWith("HTTP " + status);
				});
			}
		});
	}

	@Test
	void receiverFailingEveryAttemptThenDeadLetterAfterMaxAttempts() {
		this.runner.run((context) -> {
			Tenant tenant = Tenant.answering(503);
			publish(context, tenant, "test.exhausted");
			for (int attempt = 1; attempt <= 3; attempt++) {
				int expected = attempt;
				relayUntil(context, tenant, (rows) -> rows.get(0).get("attempts").equals(expected));
				this.clock.advance(Duration.ofMinutes(15));
			}
			assertThat(tenant.rows()).singleElement().satisfies((row) -> {
				assertThat(row).containsEntry("state", "dead").containsEntry("attempts", 3);
				assertThat((String) row.get("last_error")).startsWith("Gave up after 3 attempts: HTTP 503");
			});
			assertThat(tenant.received()).hasSize(3);
			assertThat(this.meters.counter("temponest.events.dead").count()).isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void manyEventsOfOneUserThenRequestsOfAtMostAHundred() {
		this.runner.withPropertyValues("platform.events.batch-size=500").run((context) -> {
			Tenant tenant = Tenant.answering(202);
			TenantTransactions transactions = context.getBean(TenantTransactions.class);
			EventOutbox outbox = context.getBean(EventOutbox.class);
			transactions.run(tenant.id(),
					() -> IntStream.range(0, 150).forEach((i) -> outbox.publish(tenant.event("test.many"))));
			relayUntil(context, tenant, List::isEmpty);
			assertThat(tenant.received())
				.extracting((request) -> JSON.readTree(request.getBodyAsString()).get("events").size())
				.containsExactlyInAnyOrder(100, 50);
		});
	}

	@Test
	void claimThenLeasedUntilItEndsAndStaleMarksChangeNothing() {
		this.runner.run((context) -> {
			Tenant tenant = Tenant.answering(202);
			UUID id = publish(context, tenant, "test.leased");
			OutboxStore store = new OutboxStore(context.getBean(JdbcClient.class), OutboxDatabase.SCHEMA);
			Instant now = this.clock.instant();
			Duration lease = Duration.ofSeconds(60);
			List<OutboxRow> first = mine(store.claim(now, 1000, lease), id);
			assertThat(first).singleElement().satisfies((row) -> assertThat(row.attempts()).isEqualTo(1));
			assertThat(mine(store.claim(now.plusSeconds(59), 1000, lease), id)).as("leased").isEmpty();
			List<OutboxRow> second = mine(store.claim(now.plusSeconds(60), 1000, lease), id);
			assertThat(second).singleElement().satisfies((row) -> assertThat(row.attempts()).isEqualTo(2));
			assertThat(store.sent(first)).as("the first claim's lease was taken over").isZero();
			assertThat(store.dead(first, List.of("late"))).isZero();
			assertThat(tenant.rows()).singleElement()
				.satisfies((row) -> assertThat(row).containsEntry("state", "pending"));
			assertThat(store.sent(second)).isOne();
			assertThat(tenant.rows()).isEmpty();
		});
	}

	@Test
	void backlogThenPendingAndLagOfTheOldestEvent() {
		this.runner.run((context) -> {
			Tenant tenant = Tenant.answering(202);
			OutboxRelay relay = context.getBean(OutboxRelay.class);
			publish(context, tenant, "test.waiting");
			this.clock.advance(Duration.ofSeconds(90));
			relay.refreshBacklog();
			assertThat(this.meters.get("temponest.events.outbox.pending").gauge().value()).isGreaterThanOrEqualTo(1);
			assertThat(this.meters.get("temponest.events.outbox.lag").gauge().value()).isGreaterThanOrEqualTo(90);
			relayUntil(context, tenant, List::isEmpty);
		});
	}

	@Test
	void backoffThenDoublingWithJitterUpToTheCap() {
		this.runner.withPropertyValues("platform.events.backoff=2s", "platform.events.max-backoff=60s")
			.run((context) -> {
				OutboxRelay relay = context.getBean(OutboxRelay.class);
				for (int i = 0; i < 50; i++) {
					assertThat(relay.backoff(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
					assertThat(relay.backoff(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
					assertThat(relay.backoff(10)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
					assertThat(relay.backoff(200)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
				}
			});
	}

	private static List<OutboxRow> mine(List<OutboxRow> rows, UUID id) {
		return rows.stream().filter((row) -> row.id().equals(id)).toList();
	}

	private static UUID publish(AssertableApplicationContext context, Tenant tenant, String type) {
		return context.getBean(TenantTransactions.class)
			.write(tenant.id(), () -> context.getBean(EventOutbox.class).publish(tenant.event(type)));
	}

	private static void relayUntil(AssertableApplicationContext context, Tenant tenant,
			Predicate<List<Map<String, Object>>> done) {
		OutboxRelay relay = context.getBean(OutboxRelay.class);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			relay.relayOnce();
			return done.test(tenant.rows());
		});
	}

	private static Instant toInstant(Object value) {
		return (value instanceof Timestamp timestamp) ? timestamp.toInstant() : ((OffsetDateTime) value).toInstant();
	}

	/**
	 * A tenant and user of one test, with their own exchanged token and receiver answer.
	 *
	 * @param id the tenant
	 * @param userId the user
	 * @param token the token the auth stub exchanges for the user
	 */
	record Tenant(UUID id, UUID userId, String token) {

		static Tenant answering(int status) {
			Tenant tenant = new Tenant(UUID.randomUUID(), UUID.randomUUID(), "token-" + UUID.randomUUID());
			EventsContext.server()
				.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH))
					.withFormParam("subject_token", equalTo(tenant.userId().toString()))
					.withFormParam("tenant_id", equalTo(tenant.id().toString()))
					.willReturn(okJson("{\"access_token\": \"" + tenant.token() + "\", \"expires_in\": 300}")));
			EventsContext.server()
				.stubFor(post(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + tenant.token()))
					.willReturn(aResponse().withStatus(status).withBody("{\"detail\": \"answer " + status + "\"}")));
			return tenant;
		}

		PlatformEvent event(String type) {
			return new PlatformEvent(type, this.id, this.userId, EventLevel.SUCCESS, "thing", "t-1", "Done",
					Map.of("n", 7));
		}

		List<LoggedRequest> received() {
			return EventsContext.server()
				.findAll(postRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization",
						equalTo("Bearer " + this.token)));
		}

		List<Map<String, Object>> rows() {
			return OutboxDatabase.owner()
				.sql("SELECT id, state, attempts, last_error, next_attempt_at FROM " + OutboxDatabase.SCHEMA
						+ ".event_outbox WHERE tenant_id = :tenant ORDER BY created_at")
				.param("tenant", this.id)
				.query()
				.listOfRows();
		}

	}

}
