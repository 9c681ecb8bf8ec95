package io.temponest.agents.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.TestEnvironment;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook's next delivery claimed with the mark of the one before (V13), against real
 * HTTP receivers (WireMock at 127.0.0.2) and through the claim and mark functions
 * themselves: with two dispatchers every delivery of each webhook arrives once and in
 * order; nothing is chained after a failure, so an open circuit holds the rest; a next
 * delivery that is not due is not chained; and two claims (or a claim and a chained mark)
 * never lease two deliveries of one webhook at once, while an expired lease is claimed
 * again and fences the old owner's mark.
 */
@AgentsIntegrationTest
class WebhookChainIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	WebhookSender sender;

	@Autowired
	WebhookMetrics metrics;

	@Autowired
	WebhookProperties properties;

	@Autowired
	JsonMapper json;

	@Test
	void manyEventsWhenTwoDispatchersChainThemThenEachReceiverGetsEachOnceInOrder() {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		List<String> paths = new ArrayList<>();
		List<List<UUID>> queued = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			paths.add(acceptingReceiver());
		}
		WebhookDispatcher second = new WebhookDispatcher(this.jdbc, this.sender, this.metrics, this.properties,
				this.json, this.clock);
		second.start();
		try {
			List<String> webhooks = new ArrayList<>();
			for (String path : paths) {
				webhooks.add(create(caller, path, "\"events\":[\"run.failed\"]"));
			}
			// One transaction: every delivery is due at once, so a webhook's next ones
			// are
			// chained (up to the chain limit) or claimed by either dispatcher.
			this.transactions.run(caller.tenantId(), () -> {
				List<List<UUID>> ids = new ArrayList<>();
				for (String webhook : webhooks) {
					ids.add(new ArrayList<>());
				}
				for (int n = 0; n < 40; n++) {
					for (int w = 0; w < webhooks.size(); w++) {
						ids.get(w).add(insert(webhooks.get(w), this.clock.instant()));
					}
				}
				queued.addAll(ids);
			});
			await().atMost(WAIT).until(() -> delivered(caller, queued.stream().flatMap(List::stream).toList()) == 120);
		}
		finally {
			second.stop();
		}
		for (int w = 0; w < paths.size(); w++) {
			assertThat(received(paths.get(w))).extracting((request) -> request.getHeader("X-Webhook-Delivery"))
				.containsExactlyElementsOf(queued.get(w).stream().map(UUID::toString).toList());
		}
		assertThat(attempts(caller, queued.get(0).get(39))).isOne();
	}

	@Test
	void receiverFailingWhenCircuitOpensThenNothingChainedAndTheRestWaitsThenGoesOutInOrder() {
		int threshold = this.properties.circuitFailureThreshold();
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5).willReturn(WireMock.serverError()));
		String webhook = create(caller, path, "\"events\":[\"run.failed\"],\"max_retries\":0");
		List<UUID> deliveries = this.transactions.write(caller.tenantId(), () -> {
			List<UUID> ids = new ArrayList<>();
			for (int i = 0; i < threshold + 3; i++) {
				ids.add(insert(webhook, this.clock.instant()));
			}
			return ids;
		});

		// Each failure is a dead letter (no retries), so the next delivery becomes the
		// head; the failure that reaches the threshold opens the circuit and claims
		// nothing.
		await().atMost(WAIT).until(() -> consecutiveFailures(caller, webhook) == threshold);
		List<UUID> waiting = deliveries.subList(threshold, deliveries.size());
		assertThat(received(path)).extracting((request) -> request.getHeader("X-Webhook-Delivery"))
			.containsExactlyElementsOf(deliveries.subList(0, threshold).stream().map(UUID::toString).toList());
		assertThat(waiting).allSatisfy((id) -> assertThat(attempts(caller, id)).isZero());

		// After the cooldown the probe succeeds and the rest follow it, chained, in
		// order.
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(1).willReturn(WireMock.ok()));
		this.clock.advance(this.properties.circuitOpenFor().plusSeconds(1));
		await().atMost(WAIT).until(() -> delivered(caller, waiting) == waiting.size());
		assertThat(received(path)).extracting((request) -> request.getHeader("X-Webhook-Delivery"))
			.containsExactlyElementsOf(deliveries.stream().map(UUID::toString).toList());
		assertThat(waiting).allSatisfy((id) -> assertThat(attempts(caller, id)).isOne());
		assertThat(consecutiveFailures(caller, webhook)).isZero();
	}

	@Test
	void nextDeliveryWhenNotDueThenNotChainedUntilMadeDue() {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = acceptingReceiver();
		String webhook = create(caller, path, "\"events\":[\"run.failed\"]");
		Instant now = this.clock.instant();
		List<UUID> deliveries = this.transactions.write(caller.tenantId(), () -> List.of(insert(webhook, now),
				insert(webhook, now.plus(Duration.ofHours(1))), insert(webhook, now)));

		// A chained claim would have leased the second in the transaction that marked the
		// first.
		await().atMost(WAIT).until(() -> delivered(caller, deliveries.subList(0, 1)) == 1);
		assertThat(attempts(caller, deliveries.get(1))).isZero();
		assertThat(attempts(caller, deliveries.get(2))).isZero();
		assertThat(received(path)).hasSize(1);

		body(this.mvc.perform(caller.post("", "/webhooks/deliveries/{id}/retry", deliveries.get(1).toString())), 202);
		await().atMost(WAIT).until(() -> delivered(caller, deliveries) == 3);
		assertThat(received(path)).extracting((request) -> request.getHeader("X-Webhook-Delivery"))
			.containsExactlyElementsOf(deliveries.stream().map(UUID::toString).toList());
	}

	@Test
	void twoClaimsWhenConcurrentThenNeverTwoDeliveriesOfOneWebhookLeased() throws SQLException {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = acceptingReceiver();
		String webhook = create(caller, path, "\"events\":[\"run.failed\"]");
		// Due a moment after the clock, so this instance's dispatcher leaves them alone.
		Instant now = this.clock.instant().plusMillis(1);
		List<UUID> deliveries = this.transactions.write(caller.tenantId(),
				() -> List.of(insert(webhook, now), insert(webhook, now), insert(webhook, now)));
		UUID first = deliveries.get(0);
		UUID second = deliveries.get(1);
		UUID third = deliveries.get(2);
		try (Connection a = this.dataSource.getConnection(); Connection b = this.dataSource.getConnection()) {
			a.setAutoCommit(false);
			b.setAutoCommit(false);
			try {
				// A holds its claim of the head: B skips it and takes nothing else of the
				// webhook.
				assertThat(claim(a, "test-a", now, webhook)).containsExactly(first);
				assertThat(claim(b, "test-b", now, webhook)).isEmpty();
				b.rollback();

				// A's mark claims the next one in its transaction: still nothing for B,
				// before and after A commits.
				assertThat(markDelivered(a, first, "test-a", 1, now)).isEqualTo(new Mark(true, second, 1));
				assertThat(claim(b, "test-b", now, webhook)).isEmpty();
				b.rollback();
				a.commit();
				assertThat(claim(b, "test-b", now, webhook)).isEmpty();
				assertThat(leased(caller, webhook, now)).containsExactly(second);

				// A's lease expires: B claims the delivery again; A's late mark is fenced
				// and claims nothing; B's mark claims the third.
				// (the lease: the webhook's timeout, 30 s by default, and the claims'
				// grace)
				Instant expired = now.plusSeconds(30 + 30 + 1);
				assertThat(claim(b, "test-b", expired, webhook)).containsExactly(second);
				b.commit();
				assertThat(markDelivered(a, second, "test-a", 1, expired)).isEqualTo(new Mark(false, null, 0));
				a.commit();
				assertThat(markDelivered(b, second, "test-b", 2, expired)).isEqualTo(new Mark(true, third, 1));
				assertThat(claim(a, "test-a", expired, webhook)).isEmpty();
				b.commit();
				a.commit();
				assertThat(leased(caller, webhook, expired)).containsExactly(third);
			}
			finally {
				a.rollback();
				b.rollback();
				a.setAutoCommit(true);
				b.setAutoCommit(true);
			}
		}
		finally {
			this.transactions.run(caller.tenantId(),
					() -> this.jdbc.sql("DELETE FROM agents.webhooks WHERE id = :id")
						.param("id", UUID.fromString(webhook))
						.update());
		}
	}

	@Test
	void dispatcherWhenStoppedAfterSendingBeforeItsMarkThenDeliveredAgainWithTheSameIds() throws SQLException {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = acceptingReceiver();
		String webhook = create(caller, path, "\"events\":[\"run.failed\"]");
		// Due a moment after the clock, so this instance's dispatcher leaves it alone.
		Instant due = this.clock.instant().plusMillis(1);
		UUID delivery = this.transactions.write(caller.tenantId(), () -> insert(webhook, due));

		// Another instance claims it, sends it and stops (killed) before it marks it.
		ClaimedDelivery claimed;
		try (Connection stopped = this.dataSource.getConnection()) {
			claimed = claimed(stopped, "stopped-instance", due, webhook);
		}
		assertThat(claimed.id()).isEqualTo(delivery);
		assertThat(this.sender.send(claimed, Map.of()).delivered()).isTrue();
		assertThat(received(path)).hasSize(1);
		assertThat(attempts(caller, delivery)).isOne();

		// Its lease runs out (the webhook's timeout, 30 s, and the claims' grace, 30 s):
		// this instance's dispatcher claims the delivery again and sends it.
		this.clock.advance(Duration.ofSeconds(30 + 30 + 1));
		await().atMost(WAIT).until(() -> delivered(caller, List.of(delivery)) == 1);
		List<LoggedRequest> requests = received(path);
		assertThat(requests).hasSize(2);
		assertThat(attempts(caller, delivery)).isEqualTo(2);
		// The receiver can tell the second from the first: same delivery, same event,
		// same
		// bytes.
		assertThat(requests).extracting((request) -> request.getHeader("X-Webhook-Delivery"))
			.containsOnly(delivery.toString());
		assertThat(requests).extracting((request) -> request.getHeader("X-Webhook-Event-Id"))
			.containsOnly(claimed.eventId().toString());
		assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly(claimed.payload());
	}

	/**
	 * The webhook's delivery claimed on a connection in auto-commit, as the dispatcher
	 * claims it.
	 */
	private static ClaimedDelivery claimed(Connection connection, String owner, Instant now, String webhook)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				SELECT id, webhook_id, tenant_id, event_id, event_type, payload, attempts, max_attempts, url, secret,
					custom_headers::text AS custom_headers, timeout_seconds, retry_delay_seconds
				FROM agents.claim_webhook_deliveries(?, ?, 1000, 30)""")) {
			statement.setString(1, owner);
			statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					if (rows.getObject("webhook_id", UUID.class).toString().equals(webhook)) {
						return new ClaimedDelivery(rows.getObject("id", UUID.class),
								rows.getObject("webhook_id", UUID.class), rows.getObject("tenant_id", UUID.class),
								rows.getObject("event_id", UUID.class), rows.getString("event_type"),
								rows.getString("payload"), rows.getInt("attempts"), rows.getInt("max_attempts"),
								rows.getString("url"), rows.getString("secret"), rows.getString("custom_headers"),
								rows.getInt("timeout_seconds"), rows.getInt("retry_delay_seconds"));
					}
				}
			}
		}
		throw new AssertionError("nothing of webhook " + webhook + " was claimed");
	}

	/** The webhook's deliveries claimed on a connection (its transaction left open). */
	private static List<UUID> claim(Connection connection, String owner, Instant now, String webhook)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				SELECT id, webhook_id FROM agents.claim_webhook_deliveries(?, ?, 1000, 30)""")) {
			statement.setString(1, owner);
			statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
			List<UUID> claimed = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					if (rows.getObject("webhook_id", UUID.class).toString().equals(webhook)) {
						claimed.add(rows.getObject("id", UUID.class));
					}
				}
			}
			return claimed;
		}
	}

	/**
	 * Mark an attempt delivered on a connection (its transaction left open), claiming the
	 * webhook's next delivery.
	 */
	private static Mark markDelivered(Connection connection, UUID id, String owner, int attempt, Instant now)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				SELECT marked, id, webhook_id, attempts
				FROM agents.mark_webhook_delivery_and_claim_next(?, ?, ?, 'delivered', 200, NULL, 'ok', NULL, ?, 5, 60,
					true, 30)""")) {
			statement.setObject(1, id);
			statement.setString(2, owner);
			statement.setInt(3, attempt);
			statement.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
			try (ResultSet rows = statement.executeQuery()) {
				assertThat(rows.next()).isTrue();
				Mark mark = new Mark(rows.getBoolean("marked"), rows.getObject("id", UUID.class),
						rows.getInt("attempts"));
				assertThat(rows.next()).isFalse();
				return mark;
			}
		}
	}

	/** Insert a delivery of a webhook (in the caller's tenant transaction). */
	private UUID insert(String webhook, Instant due) {
		UUID event = UUID.randomUUID();
		return this.jdbc
			.sql("""
					INSERT INTO agents.webhook_deliveries (webhook_id, tenant_id, event_id, event_type, payload, max_attempts,
						next_attempt_at)
					SELECT w.id, w.tenant_id, :event, 'webhook.test', :payload, w.max_retries + 1, :due
					FROM agents.webhooks w WHERE w.id = :webhook
					RETURNING id""")
			.param("event", event)
			.param("payload", "{\"id\":\"" + event + "\",\"type\":\"webhook.test\"}")
			.param("due", OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
			.param("webhook", UUID.fromString(webhook))
			.query(UUID.class)
			.single();
	}

	/** The webhook's open deliveries under a live lease. */
	private List<UUID> leased(ApiCaller caller, String webhook, Instant now) {
		return this.transactions.read(caller.tenantId(), () -> this.jdbc.sql("""
				SELECT id FROM agents.webhook_deliveries
				WHERE webhook_id = :webhook AND status IN ('pending', 'retrying') AND lease_expires_at > :now""")
			.param("webhook", UUID.fromString(webhook))
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.query(UUID.class)
			.list());
	}

	private long delivered(ApiCaller caller, List<UUID> deliveries) {
		return this.transactions.read(caller.tenantId(), () -> this.jdbc
			.sql("SELECT count(*) FROM agents.webhook_deliveries WHERE id = ANY (:ids) AND status = 'delivered'")
			.param("ids", deliveries.toArray(UUID[]::new))
			.query(Long.class)
			.single());
	}

	private int attempts(ApiCaller caller, UUID delivery) {
		return this.transactions.read(caller.tenantId(),
				() -> this.jdbc.sql("SELECT attempts FROM agents.webhook_deliveries WHERE id = :id")
					.param("id", delivery)
					.query(Integer.class)
					.single());
	}

	private int consecutiveFailures(ApiCaller caller, String webhook) {
		return this.transactions.read(caller.tenantId(),
				() -> this.jdbc.sql("SELECT consecutive_failures FROM agents.webhooks WHERE id = :id")
					.param("id", UUID.fromString(webhook))
					.query(Integer.class)
					.single());
	}

	private String create(ApiCaller caller, String path, String fields) {
		return body(this.mvc.perform(caller.post(
				"{\"name\":\"receiver\",\"url\":\"" + TestEnvironment.receiverUrl(path) + "\"," + fields + "}",
				"/webhooks")), 201)
			.get("id")
			.asString();
	}

	/** A path of the test receiver that answers 200 to every delivery. */
	private static String acceptingReceiver() {
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver().stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).willReturn(WireMock.ok()));
		return path;
	}

	/** The requests a path received, in the order they arrived. */
	private static List<LoggedRequest> received(String path) {
		return TestEnvironment.receiver().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(path)));
	}

	private static JsonNode body(MvcTestResult result, int status) {
		assertThat(result).as(() -> ApiCaller.body(result)).hasStatus(status);
		return ApiCaller.json(result);
	}

	/**
	 * What a mark returned.
	 *
	 * @param marked whether the attempt was marked
	 * @param next the delivery claimed next
	 * @param nextAttempt its attempt number (0 when none)
	 */
	private record Mark(boolean marked, @Nullable UUID next, int nextAttempt) {

	}

}
