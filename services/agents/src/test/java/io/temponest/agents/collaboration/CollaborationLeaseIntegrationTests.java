package io.temponest.agents.collaboration;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Leases of collaboration sessions against PostgreSQL: a session whose instance stopped
 * (its lease, held by an owner that is gone, ran out) is failed by the sweep with the
 * reason, and so is its running step, as the SDK sees it; sessions this instance holds
 * are renewed on its clock and never swept, a running one included; the sweep, across
 * tenants, changes the expired open sessions and nothing else.
 */
@AgentsIntegrationTest
class CollaborationLeaseIntegrationTests {

	private static final String ABANDONED = "The instance running this session stopped before it ended";

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private MutableClock clock;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SessionLeases leases;

	@Autowired
	private CollaborationProperties properties;

	@Test
	void sessionOfAStoppedInstanceWhenItsLeaseRunsOutThenSweptAsFailedWithItsRunningStep() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		Instant now = this.clock.instant();
		UUID session = insertSession(caller.tenantId(), "running", "agents-gone", now.minusSeconds(1),
				now.minusSeconds(90));
		insertStep(caller.tenantId(), session, 0, "completed", now.minusSeconds(80));
		insertStep(caller.tenantId(), session, 1, "running", now.minusSeconds(70));
		Counter abandoned = this.meters.counter("temponest.collaboration.sessions", "pattern", "sequential", "status",
				"abandoned");
		double before = abandoned.count();
		assertThat(session(caller, session).get("status").asString()).isEqualTo("running");

		this.leases.sweep();

		JsonNode swept = session(caller, session);
		assertThat(swept.get("status").asString()).isEqualTo("failed");
		assertThat(swept.get("cancelled").asBoolean()).isFalse();
		assertThat(swept.get("error").asString()).isEqualTo(ABANDONED);
		assertThat(Instant.parse(swept.get("completed_at").asString())).isCloseTo(now, within(1, ChronoUnit.MILLIS));
		JsonNode steps = swept.get("results");
		assertThat(steps).hasSize(2);
		assertThat(steps.get(0).get("status").asString()).isEqualTo("completed");
		assertThat(steps.get(0).get("output").asString()).isEqualTo("Output 0");
		assertThat(steps.get(0).get("error").isNull()).isTrue();
		assertThat(steps.get(1).get("status").asString()).isEqualTo("failed");
		assertThat(steps.get(1).get("error").asString()).isEqualTo(ABANDONED);
		assertThat(Instant.parse(steps.get(1).get("completed_at").asString())).isCloseTo(now,
				within(1, ChronoUnit.MILLIS));
		assertThat(abandoned.count()).isGreaterThanOrEqualTo(before + 1);
		assertThat(ok(caller.get("/collaboration/sessions?status=failed")))
			.extracting((listed) -> listed.get("id").asString())
			.containsExactly(session.toString());
	}

	@Test
	void heldSessionsWhenRenewedPastTheirLeaseThenNotSweptUntilReleased() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		Duration lease = this.properties.lease();
		Instant now = this.clock.instant();
		UUID queued = insertSession(caller.tenantId(), "running", this.leases.owner(), now.plus(lease), now);
		UUID takenOver = insertSession(caller.tenantId(), "running", "agents-other", now.plus(lease), now);
		this.leases.hold(queued);
		this.leases.hold(takenOver);
		try {
			// Twice the lease goes by, renewed every third of it as the scheduler does.
			for (int i = 0; i < 6; i++) {
				this.clock.advance(lease.dividedBy(3));
				this.leases.renew();
			}
			assertThat(lease(caller.tenantId(), queued).expiresAt()).isCloseTo(this.clock.instant().plus(lease),
					within(1, ChronoUnit.MILLIS));

			this.leases.sweep();

			assertThat(session(caller, queued).get("status").asString()).isEqualTo("running");
			assertThat(session(caller, takenOver).get("status").asString()).isEqualTo("failed");
			assertThat(lease(caller.tenantId(), takenOver).owner()).isEqualTo("agents-other");
		}
		finally {
			this.leases.release(queued);
			this.leases.release(takenOver);
		}

		this.clock.advance(lease.plusSeconds(1));
		this.leases.renew();
		this.leases.sweep();

		JsonNode released = session(caller, queued);
		assertThat(released.get("status").asString()).isEqualTo("failed");
		assertThat(released.get("error").asString()).isEqualTo(ABANDONED);
	}

	@Test
	void runningSessionWhenTheClockPassesItsLeaseThenRenewedAndCompletes() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String marker = "lease-" + UUID.randomUUID();
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(2)
			.willReturn(WireMock.okJson(ollama("Slow answer")).withFixedDelay(2000)));
		MvcTestResult started = this.mvc.perform(caller.post("""
				{"pattern":"sequential","agent_ids":["developer","qa-tester"],"initial_message":"Go %s"}"""
			.formatted(marker), "/collaboration/execute"));
		assertThat(started).hasStatus(202);
		UUID id = UUID.fromString(ApiCaller.json(started).get("id").asString());
		await().atMost(WAIT).until(() -> session(caller, id).get("results").size() == 1);
		Lease taken = lease(caller.tenantId(), id);
		assertThat(taken.owner()).isEqualTo(this.leases.owner());
		assertThat(taken.expiresAt()).isCloseTo(this.clock.instant().plus(this.properties.lease()),
				within(1, ChronoUnit.MILLIS));

		for (int i = 0; i < 6; i++) {
			this.clock.advance(this.properties.lease().dividedBy(3));
			this.leases.renew();
		}
		this.leases.sweep();

		await().atMost(WAIT).until(() -> !"running".equals(session(caller, id).get("status").asString()));
		JsonNode session = session(caller, id);
		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("error").isNull()).isTrue();
		assertThat(session.get("results")).extracting((step) -> step.get("status").asString())
			.containsExactly("completed", "completed");
	}

	@Test
	void sweepWhenRunThenEndsTheExpiredOpenSessionsOfEveryTenantAndNothingElse() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		Instant now = this.clock.instant();
		Instant past = now.minusSeconds(1);
		UUID expired = insertSession(first, "running", "agents-gone", past, now.minusSeconds(120));
		insertStep(first, expired, 0, "completed", now.minusSeconds(110));
		insertStep(first, expired, 1, "running", now.minusSeconds(100));
		UUID expiredPending = insertSession(second, "pending", "agents-gone", past, now.minusSeconds(120));
		UUID live = insertSession(second, "running", "agents-alive", now.plusSeconds(30), now.minusSeconds(120));
		insertStep(second, live, 0, "running", now.minusSeconds(100));
		UUID completed = insertSession(first, "completed", "agents-gone", past, now.minusSeconds(120));
		UUID cancelled = insertSession(second, "failed", "agents-gone", past, now.minusSeconds(120));
		insertStep(second, cancelled, 0, "running", now.minusSeconds(100));
		// Stored before leases: abandoned once nothing moved in them for 30 minutes.
		UUID stale = insertSession(first, "running", null, null, now.minus(Duration.ofMinutes(31)));
		insertStep(first, stale, 0, "running", now.minus(Duration.ofMinutes(40)));
		UUID recentStep = insertSession(second, "running", null, null, now.minus(Duration.ofMinutes(31)));
		insertStep(second, recentStep, 0, "running", now.minus(Duration.ofMinutes(5)));
		UUID recent = insertSession(first, "running", null, null, now.minus(Duration.ofMinutes(29)));
		Map<UUID, UUID> untouched = Map.of(live, second, completed, first, cancelled, second, recentStep, second,
				recent, first);
		Map<UUID, List<Map<String, Object>>> before = new HashMap<>();
		untouched.forEach((id, tenant) -> before.put(id, rows(tenant, id)));

		this.leases.sweep();

		for (UUID ended : List.of(expired, expiredPending, stale)) {
			UUID tenant = (ended == expiredPending) ? second : first;
			Map<String, Object> session = rows(tenant, ended).get(0);
			assertThat(session).as("%s", ended)
				.containsEntry("status", "failed")
				.containsEntry("error", ABANDONED)
				.containsEntry("cancelled", false);
			assertThat(((Timestamp) session.get("completed_at")).toInstant()).isCloseTo(now,
					within(1, ChronoUnit.MILLIS));
		}
		assertThat(rows(first, expired)).extracting((row) -> row.get("status"))
			.containsExactly("failed", "completed", "failed");
		assertThat(rows(first, expired).get(1)).containsEntry("error", null);
		assertThat(rows(first, expired).get(2)).containsEntry("error", ABANDONED);
		assertThat(rows(first, stale).get(1)).containsEntry("status", "failed").containsEntry("error", ABANDONED);
		untouched.forEach((id, tenant) -> assertThat(rows(tenant, id)).as("%s", id).isEqualTo(before.get(id)));
		// Each tenant still sees only its own sessions.
		assertThat(ids(first)).containsExactlyInAnyOrder(expired, completed, stale, recent);
		assertThat(ids(second)).containsExactlyInAnyOrder(expiredPending, live, cancelled, recentStep);
	}

	private UUID insertSession(UUID tenant, String status, @Nullable String leaseOwner,
			@Nullable Instant leaseExpiresAt, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		boolean ended = !"running".equals(status) && !"pending".equals(status);
		this.transactions.run(tenant, () -> this.jdbc.sql("""
				INSERT INTO agents.collaboration_sessions (id, tenant_id, pattern, status, cancelled, agents,
					initial_message, error, created_at, started_at, completed_at, updated_at, lease_owner,
					lease_expires_at)
				VALUES (:id, :tenant, 'sequential', :status, :cancelled, '["developer","qa-tester"]'::jsonb, 'Go',
					:error, :updated, :updated, :completed, :updated, :owner, :expires)""")
			.param("id", id)
			.param("tenant", tenant)
			.param("status", status)
			.param("cancelled", "failed".equals(status))
			.param("error", "failed".equals(status) ? "Cancelled before it finished" : null)
			.param("updated", Timestamp.from(updatedAt))
			.param("completed", ended ? Timestamp.from(updatedAt) : null)
			.param("owner", leaseOwner)
			.param("expires", (leaseExpiresAt != null) ? Timestamp.from(leaseExpiresAt) : null)
			.update());
		return id;
	}

	private void insertStep(UUID tenant, UUID session, int position, String status, Instant startedAt) {
		boolean completed = "completed".equals(status);
		this.transactions.run(tenant, () -> this.jdbc
			.sql("""
					INSERT INTO agents.collaboration_steps (id, session_id, tenant_id, position, agent, input, output,
						status, started_at, completed_at)
					VALUES (:id, :session, :tenant, :position, 'developer', 'Go', :output, :status, :started, :completed)""")
			.param("id", UUID.randomUUID())
			.param("session", session)
			.param("tenant", tenant)
			.param("position", position)
			.param("output", completed ? "Output " + position : null)
			.param("status", status)
			.param("started", Timestamp.from(startedAt))
			.param("completed", completed ? Timestamp.from(startedAt.plusSeconds(5)) : null)
			.update());
	}

	/** The session's row, then its steps' rows in order, as the tenant reads them. */
	private List<Map<String, Object>> rows(UUID tenant, UUID session) {
		return this.transactions.read(tenant, () -> {
			List<Map<String, Object>> rows = new ArrayList<>(this.jdbc.sql("""
					SELECT status, cancelled, error, completed_at, updated_at, lease_owner, lease_expires_at
					FROM agents.collaboration_sessions WHERE id = :id""").param("id", session).query().listOfRows());
			rows.addAll(this.jdbc.sql("""
					SELECT position, status, error, output, completed_at FROM agents.collaboration_steps
					WHERE session_id = :id ORDER BY position""").param("id", session).query().listOfRows());
			return rows;
		});
	}

	private List<UUID> ids(UUID tenant) {
		return this.transactions.read(tenant,
				() -> this.jdbc.sql("SELECT id FROM agents.collaboration_sessions").query(UUID.class).list());
	}

	private Lease lease(UUID tenant, UUID session) {
		return this.transactions.read(tenant,
				() -> this.jdbc
					.sql("SELECT lease_owner, lease_expires_at FROM agents.collaboration_sessions WHERE id = :id")
					.param("id", session)
					.query((rs, row) -> new Lease(rs.getString("lease_owner"),
							rs.getObject("lease_expires_at", OffsetDateTime.class).toInstant()))
					.single());
	}

	private JsonNode session(ApiCaller caller, UUID id) {
		return ok(caller.get("/collaboration/sessions/{id}", id));
	}

	private JsonNode ok(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) {
		MvcTestResult result = this.mvc.perform(request);
		assertThat(result).hasStatusOk();
		return ApiCaller.json(result);
	}

	private static String ollama(String text) {
		return """
				{"model":"qwen2.5:0.5b","created_at":"2026-12-07T10:00:00Z","message":{"role":"assistant",\
				"content":"%s"},"done":true,"done_reason":"stop","prompt_eval_count":5,"eval_count":7}"""
			.formatted(text);
	}

	private record Lease(String owner, Instant expiresAt) {

	}

}
