package io.temponest.agents.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.TestEnvironment;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TestInfrastructure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker of each webhook against real HTTP receivers (WireMock at
 * 127.0.0.2): a receiver answering 503 opens its webhook's circuit after the threshold of
 * consecutive failures while a healthy receiver of the same tenant gets every delivery;
 * no attempt is made while the circuit is open, one probe after the cooldown, and once
 * the receiver is back every delivery arrives once, in order.
 */
@AgentsIntegrationTest
class WebhookCircuitBreakerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebhookProperties properties;

	@Test
	void deadReceiverWhenFailingThenCircuitOpensProbesAfterCooldownAndNothingIsLost() {
		int threshold = this.properties.circuitFailureThreshold();
		Duration openFor = this.properties.circuitOpenFor();
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String deadPath = "/hooks/" + UUID.randomUUID();
		String healthyPath = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(deadPath)).atPriority(5).willReturn(WireMock.status(503)));
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(healthyPath)).willReturn(WireMock.ok()));
		String fields = "\"events\":[\"run.failed\"],\"max_retries\":10,\"retry_delay_seconds\":60";
		String dead = create(caller, deadPath, fields);
		String healthy = create(caller, healthyPath, fields);
		List<String> deadDeliveries = new ArrayList<>();
		List<String> healthyDeliveries = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			deadDeliveries.add(test(caller, dead));
			healthyDeliveries.add(test(caller, healthy));
		}

		// Each failed attempt is made due again at once (a retry of a waiting delivery)
		// until the threshold opens the circuit.
		String head = deadDeliveries.get(0);
		for (int failures = 1; failures <= threshold; failures++) {
			int expected = failures;
			await().atMost(WAIT).until(() -> breaker(caller, dead).consecutiveFailures() == expected);
			if (failures < threshold) {
				retry(caller, head);
			}
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(healthyDeliveries)
				.allSatisfy((id) -> assertThat(status(caller, id)).isEqualTo("success")));
		Breaker open = breaker(caller, dead);
		assertThat(open.circuitOpenUntil()).isCloseTo(this.clock.instant().plus(openFor), within(1, ChronoUnit.MILLIS));
		JsonNode health = health(caller, dead);
		assertThat(health.get("status").asString()).isEqualTo("circuit_open");
		assertThat(health.get("consecutive_failures").asInt()).isEqualTo(threshold);
		assertThat(Instant.parse(health.get("circuit_open_until").asString())).isEqualTo(open.circuitOpenUntil());
		assertThat(health.get("recent_attempts").asLong()).isEqualTo(threshold);
		assertThat(health.get("success_rate").asDouble()).isZero();
		assertThat(health.get("last_error").asString()).contains("503");
		assertThat(health.get("retrying_count").asLong()).isOne();
		assertThat(health.get("pending_count").asLong()).isEqualTo(2);
		JsonNode healthyHealth = health(caller, healthy);
		assertThat(healthyHealth.get("status").asString()).isEqualTo("healthy");
		assertThat(healthyHealth.get("success_rate").asDouble()).isEqualTo(1.0);
		assertThat(healthyHealth.get("last_delivery_at").isNull()).isFalse();
		await().atMost(WAIT).until(() -> gauge("temponest_webhook_circuits_open") >= 1);
		assertThat(received(deadPath)).hasSize(threshold)
			.extracting((event) -> event.getRequest().getHeader("X-Webhook-Delivery"))
			.containsOnly(deadDeliveries.get(0));

		// Open: the head delivery is made due again, but no attempt is made; a delivery
		// to
		// the healthy webhook queued meanwhile goes out (the claim that takes it would
		// have taken the head too).
		retry(caller, head);
		assertThat(attempts(caller, head)).isEqualTo(threshold);
		String meanwhile = test(caller, healthy);
		await().atMost(WAIT).until(() -> "success".equals(status(caller, meanwhile)));
		assertThat(attempts(caller, head)).isEqualTo(threshold);
		assertThat(received(deadPath)).hasSize(threshold);

		// Half-open after the cooldown: one probe, which fails and opens the circuit
		// again.
		this.clock.advance(openFor.plusSeconds(1));
		await().atMost(WAIT).until(() -> breaker(caller, dead).consecutiveFailures() == threshold + 1);
		assertThat(breaker(caller, dead).circuitOpenUntil()).isCloseTo(this.clock.instant().plus(openFor),
				within(1, ChronoUnit.MILLIS));
		String afterProbe = test(caller, healthy);
		await().atMost(WAIT).until(() -> "success".equals(status(caller, afterProbe)));
		assertThat(received(deadPath)).hasSize(threshold + 1);
		assertThat(attempts(caller, head)).isEqualTo(threshold + 1);
		assertThat(attempts(caller, deadDeliveries.get(1))).isZero();

		// The receiver is back: after the cooldown every delivery arrives, once and in
		// order.
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(deadPath)).atPriority(1).willReturn(WireMock.ok()));
		this.clock.advance(openFor.plusSeconds(1));
		retry(caller, head);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(deadDeliveries)
				.allSatisfy((id) -> assertThat(status(caller, id)).isEqualTo("success")));
		assertThat(accepted(deadPath)).containsExactlyElementsOf(deadDeliveries);
		List<String> healthyAll = new ArrayList<>(healthyDeliveries);
		healthyAll.add(meanwhile);
		healthyAll.add(afterProbe);
		assertThat(accepted(healthyPath)).containsExactlyElementsOf(healthyAll);
		Breaker closed = breaker(caller, dead);
		assertThat(closed.consecutiveFailures()).isZero();
		assertThat(closed.circuitOpenUntil()).isNull();
		JsonNode recovered = health(caller, dead);
		assertThat(recovered.get("status").asString()).isEqualTo("degraded");
		assertThat(recovered.get("recent_successes").asLong()).isEqualTo(3);
		assertThat(recovered.get("recent_failures").asLong()).isEqualTo(threshold + 1);
		assertThat(recovered.get("pending_count").asLong() + recovered.get("retrying_count").asLong()).isZero();
	}

	@Test
	void statisticsWhenAnAttemptOpensANewHourThenBucketsOlderThanTwoDaysArePruned() throws SQLException {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver().stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).willReturn(WireMock.ok()));
		String webhook = create(caller, path, "\"events\":[\"run.failed\"]");
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		insertBucket(caller, webhook, hour.minus(Duration.ofHours(49)), 7);
		insertBucket(caller, webhook, hour.minus(Duration.ofHours(47)), 5);

		// The first attempt of this hour opens its bucket: the one of 49 h ago goes.
		String first = test(caller, webhook);
		await().atMost(WAIT).until(() -> "success".equals(status(caller, first)));
		assertThat(buckets(caller, webhook)).containsExactly(hour.minus(Duration.ofHours(47)) + "=5", hour + "=1");

		// Later attempts of the same hour count in its bucket and prune nothing.
		insertBucket(caller, webhook, hour.minus(Duration.ofHours(50)), 3);
		String second = test(caller, webhook);
		await().atMost(WAIT).until(() -> "success".equals(status(caller, second)));
		assertThat(buckets(caller, webhook)).containsExactly(hour.minus(Duration.ofHours(50)) + "=3",
				hour.minus(Duration.ofHours(47)) + "=5", hour + "=2");
	}

	/**
	 * Statistics buckets are written by the mark function only: set one up as the
	 * superuser.
	 */
	private void insertBucket(ApiCaller caller, String webhook, Instant hour, int succeeded) throws SQLException {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement insert = admin.prepareStatement("""
						INSERT INTO agents.webhook_attempt_stats (webhook_id, hour, tenant_id, succeeded, failed)
						VALUES (?, ?, ?, ?, 0)""")) {
			insert.setObject(1, UUID.fromString(webhook));
			insert.setObject(2, OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
			insert.setObject(3, caller.tenantId());
			insert.setInt(4, succeeded);
			insert.executeUpdate();
		}
	}

	/** A webhook's statistics buckets, oldest first, as "hour=successes". */
	private List<String> buckets(ApiCaller caller, String webhook) {
		return this.transactions.read(caller.tenantId(), () -> this.jdbc.sql("""
				SELECT hour, succeeded FROM agents.webhook_attempt_stats WHERE webhook_id = :id ORDER BY hour""")
			.param("id", UUID.fromString(webhook))
			.query((rs, row) -> rs.getObject("hour", OffsetDateTime.class).toInstant() + "=" + rs.getInt("succeeded"))
			.list());
	}

	private String create(ApiCaller caller, String path, String fields) {
		return body(this.mvc.perform(caller.post(
				"{\"name\":\"receiver\",\"url\":\"" + TestEnvironment.receiverUrl(path) + "\"," + fields + "}",
				"/webhooks")), 201)
			.get("id")
			.asString();
	}

	private String test(ApiCaller caller, String webhook) {
		return body(this.mvc.perform(caller.post("", "/webhooks/{id}/test", webhook)), 202).get("id").asString();
	}

	private void retry(ApiCaller caller, String delivery) {
		body(this.mvc.perform(caller.post("", "/webhooks/deliveries/{id}/retry", delivery)), 202);
	}

	private String status(ApiCaller caller, String delivery) {
		return delivery(caller, delivery).get("status").asString();
	}

	private int attempts(ApiCaller caller, String delivery) {
		return delivery(caller, delivery).get("attempts").asInt();
	}

	private JsonNode delivery(ApiCaller caller, String id) {
		return body(this.mvc.perform(caller.get("/webhooks/deliveries/{id}", id)), 200);
	}

	/** A gauge as scraped (every tenant's deliveries, so at least this test's). */
	private double gauge(String name) {
		MvcTestResult scrape = this.mvc.perform(ApiCaller.anonymous().get("/actuator/prometheus"));
		assertThat(scrape).hasStatusOk();
		Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(ApiCaller.body(scrape));
		assertThat(value.find()).as(name).isTrue();
		return Double.parseDouble(value.group(1));
	}

	private JsonNode health(ApiCaller caller, String webhook) {
		JsonNode one = body(this.mvc.perform(caller.get("/webhooks/{id}/health", webhook)), 200);
		JsonNode all = body(this.mvc.perform(caller.get("/webhooks/health/all")), 200).get("webhooks");
		assertThat(all.valueStream().filter((entry) -> entry.get("id").asString().equals(webhook)).toList())
			.containsExactly(one);
		return one;
	}

	private Breaker breaker(ApiCaller caller, String webhook) {
		return this.transactions.read(caller.tenantId(),
				() -> this.jdbc
					.sql("SELECT consecutive_failures, circuit_open_until FROM agents.webhooks WHERE id = :id")
					.param("id", UUID.fromString(webhook))
					.query((rs, row) -> {
						OffsetDateTime until = rs.getObject("circuit_open_until", OffsetDateTime.class);
						return new Breaker(rs.getInt("consecutive_failures"),
								(until != null) ? until.toInstant() : null);
					})
					.single());
	}

	/** The deliveries the receiver answered 2xx at a path, in the order they arrived. */
	private static List<String> accepted(String path) {
		List<ServeEvent> events = new ArrayList<>(TestEnvironment.receiver().getAllServeEvents());
		events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
		List<String> accepted = new ArrayList<>();
		for (ServeEvent event : events) {
			if (event.getRequest().getUrl().equals(path) && event.getResponse().getStatus() == 200) {
				accepted.add(event.getRequest().getHeader("X-Webhook-Delivery"));
			}
		}
		return accepted;
	}

	private static List<ServeEvent> received(String path) {
		return TestEnvironment.receiver()
			.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals(path))
			.toList();
	}

	private static JsonNode body(MvcTestResult result, int status) {
		assertThat(result).as(() -> ApiCaller.body(result)).hasStatus(status);
		return ApiCaller.json(result);
	}

	/**
	 * A webhook's breaker as stored.
	 *
	 * @param consecutiveFailures failed attempts since the last success
	 * @param circuitOpenUntil when an open circuit lets a probe through
	 */
	private record Breaker(int consecutiveFailures, @Nullable Instant circuitOpenUntil) {

	}

}
