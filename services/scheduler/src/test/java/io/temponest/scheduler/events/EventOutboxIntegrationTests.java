package io.temponest.scheduler.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.OutboxRelay;
import io.temponest.events.PlatformEvent;
import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.OwnerDatabase;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.scheduler.dispatch.Polls;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Platform events of the scheduler through the shared-events outbox: written in the
 * transaction of the change (nothing when it rolls back), relayed to the (WireMock)
 * agents service's {@code /internal/events} with the user's exchanged token and the
 * contract's body, retried after a 503, dead-lettered after a 400, and kept apart per
 * tenant by row-level security (the relay crosses tenants only through the claim
 * functions).
 */
@SchedulerIntegrationTest
class EventOutboxIntegrationTests {

	private static final String EVENTS_PATH = "/internal/events";

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	Polls polls;

	@Autowired
	EventOutbox outbox;

	@Autowired
	OutboxRelay relay;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void agentsAnswerRuns() {
		AgentStubs.completing();
	}

	@Test
	void scheduleCreatedThenEventRelayedWithTheUsersTokenAndTheContractsBody() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String token = tokenFor(api);
		TestEnvironment.agents()
			.stubFor(post(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
				.willReturn(aResponse().withStatus(202).withBody("{\"accepted\": 1}")));
		String id = create(api, "{\"name\": \"nightly report\", \"interval_seconds\": 3600, \"is_paused\": true}");
		List<Map<String, Object>> rows = rows(api.tenantId());
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row).containsEntry("type", "schedule.created")
				.containsEntry("user_id", api.userId())
				.containsEntry("state", "pending")
				.containsEntry("attempts", 0);
		});
		UUID eventId = (UUID) rows.get(0).get("id");

		relayUntilSettled(api.tenantId());

		List<LoggedRequest> received = received(token);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).getHeader("Content-Type")).startsWith("application/json");
		JsonNode events = JSON.readTree(received.get(0).getBodyAsString()).get("events");
		assertThat(events).hasSize(1);
		JsonNode event = events.get(0);
		assertThat(event.get("id").asString()).isEqualTo(eventId.toString());
		assertThat(event.get("type").asString()).isEqualTo("schedule.created");
		assertThat(event.get("occurred_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(event.get("service").asString()).isEqualTo("scheduler");
		assertThat(event.get("level").asString()).isEqualTo("info");
		assertThat(event.get("resource_type").asString()).isEqualTo("schedule");
		assertThat(event.get("resource_id").asString()).isEqualTo(id);
		assertThat(event.get("message").asString()).isEqualTo("Schedule \"nightly report\" created");
		assertThat(event.get("details").get("schedule_name").asString()).isEqualTo("nightly report");
		assertThat(event.get("details").get("schedule_type").asString()).isEqualTo("interval");
		assertThat(rows(api.tenantId())).as("delivered events are deleted").isEmpty();
	}

	@Test
	void scheduleFiredThenOneEventPerExecutionAsTheCreator() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String token = tokenFor(api);
		TestEnvironment.agents()
			.stubFor(post(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
				.willReturn(aResponse().withStatus(202).withBody("{\"accepted\": 1}")));
		String id = create(api, "{\"name\": \"every minute\", \"interval_seconds\": 60}");
		this.clock.advance(Duration.ofSeconds(61));
		this.polls.runUntilIdle();
		JsonNode executions = json(this.mvc, api.get("/schedules/{id}/executions", id), 200);
		assertThat(executions).hasSize(1);
		assertThat(types(api.tenantId())).containsExactlyInAnyOrder("schedule.created", "schedule.fired");

		relayUntilSettled(api.tenantId());

		List<JsonNode> fired = receivedEvents(token).stream()
			.filter((event) -> event.get("type").asString().equals("schedule.fired"))
			.toList();
		assertThat(fired).singleElement().satisfies((event) -> {
			assertThat(event.get("resource_id").asString()).isEqualTo(id);
			assertThat(event.get("message").asString()).isEqualTo("Schedule \"every minute\" fired (run 1)");
			assertThat(event.get("details").get("execution_id").asString())
				.isEqualTo(executions.get(0).get("id").asString());
			assertThat(event.get("details").get("agent_name").asString()).isEqualTo("developer");
		});
	}

	@Test
	void scheduleTriggeredAndDeletedThenEventsAsTheCaller() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		ApiCaller colleague = api.colleague(TestEnvironment.ALL_PERMISSIONS.toArray(String[]::new));
		String id = create(api, "{\"name\": \"short-lived\", \"interval_seconds\": 60, \"is_paused\": true}");
		json(this.mvc, colleague.post("", "/schedules/{id}/trigger", id), 202);
		this.mvc.perform(colleague.delete("/schedules/{id}", id)).andExpect(status().isNoContent());
		assertThat(rows(api.tenantId())).extracting((row) -> row.get("type") + " by " + row.get("user_id"))
			.containsExactlyInAnyOrder("schedule.created by " + api.userId(),
					"schedule.triggered by " + colleague.userId(), "schedule.deleted by " + colleague.userId());
	}

	@Test
	void transactionRolledBackThenNoEvent() {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		assertThatThrownBy(() -> this.transactions.run(api.tenantId(), () -> {
			this.outbox.publish(event(api.tenantId(), api.userId(), "test.rolled-back"));
			throw new IllegalStateException("the change fails");
		})).hasMessage("the change fails");
		assertThat(rows(api.tenantId())).isEmpty();
		this.transactions.run(api.tenantId(),
				() -> this.outbox.publish(event(api.tenantId(), api.userId(), "test.kept")));
		assertThat(types(api.tenantId())).containsExactly("test.kept");
	}

	@Test
	void publishWithoutTransactionThenRefused() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.outbox.publish(event(UUID.randomUUID(), UUID.randomUUID(), "test.no-transaction")));
	}

	@Test
	void receiverUnavailableThenRetriedAfterBackoffAndDeliveredOnce() {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String token = tokenFor(api);
		TestEnvironment.agents()
			.stubFor(post(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
				.inScenario("unavailable-" + api.tenantId())
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(503).withBody("{\"detail\": \"starting up\"}"))
				.willSetStateTo("up"));
		TestEnvironment.agents()
			.stubFor(post(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
				.inScenario("unavailable-" + api.tenantId())
				.whenScenarioStateIs("up")
				.willReturn(aResponse().withStatus(202).withBody("{\"accepted\": 1}")));
		UUID eventId = publish(api, "test.retried");

		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.relay.relayOnce();
			assertThat(rows(api.tenantId())).singleElement()
				.satisfies((row) -> assertThat(row).containsEntry("attempts", 1));
		});
		Map<String, Object> failed = rows(api.tenantId()).get(0);
		assertThat(failed).containsEntry("state", "pending");
		assertThat((String) failed.get("last_error")).contains("HTTP 503").contains("starting up");
		this.relay.relayOnce();
		assertThat(received(token)).as("not retried before its back-off").hasSize(1);

		this.clock.advance(Duration.ofSeconds(2));
		relayUntilSettled(api.tenantId());

		List<LoggedRequest> received = received(token);
		assertThat(received).hasSize(2);
		assertThat(received).allSatisfy((request) -> assertThat(
				JSON.readTree(request.getBodyAsString()).get("events").get(0).get("id").asString())
			.isEqualTo(eventId.toString()));
		assertThat(rows(api.tenantId())).isEmpty();
	}

	@Test
	void receiverRefusesTheBodyThenDeadLetteredWithTheError() {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String token = tokenFor(api);
		TestEnvironment.agents()
			.stubFor(post(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
				.willReturn(aResponse().withStatus(400)
					.withHeader("Content-Type", "application/problem+json")
					.withBody("{\"status\": 400, \"detail\": \"events[0].level is not a level\"}")));
		publish(api, "test.refused");

		relayUntilSettled(api.tenantId());

		assertThat(rows(api.tenantId())).singleElement().satisfies((row) -> {
			assertThat(row).containsEntry("state", "dead").containsEntry("attempts", 1);
			assertThat((String) row.get("last_error")).contains("HTTP 400").contains("is not a level");
		});
		this.clock.advance(Duration.ofHours(1));
		this.relay.relayOnce();
		assertThat(received(token)).as("a dead letter is not sent again").hasSize(1);
	}

	@Test
	void outboxOfEveryTenantThenRowLevelSecurityKeepsThemApartAndTheRelaySendsEachAsItsOwnUser() {
		ApiCaller first = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		ApiCaller second = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String firstToken = tokenFor(first);
		String secondToken = tokenFor(second);
		for (String token : List.of(firstToken, secondToken)) {
			TestEnvironment.agents()
				.stubFor(post(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
					.willReturn(aResponse().withStatus(202).withBody("{\"accepted\": 2}")));
		}
		UUID firstEvent = publish(first, "test.first");
		publish(first, "test.first");
		UUID secondEvent = publish(second, "test.second");

		// the runtime role sees its tenant's events only, and none without a tenant
		assertThat(visibleIds(first.tenantId())).hasSize(2).contains(firstEvent).doesNotContain(secondEvent);
		assertThat(visibleIds(second.tenantId())).containsExactly(secondEvent);
		assertThat(this.jdbc.sql("SELECT count(*) FROM scheduler.event_outbox").query(Long.class).single()).isZero();
		// nor can it write another tenant's event, or change or delete one itself
		assertThatThrownBy(() -> this.transactions.run(first.tenantId(),
				() -> this.outbox.publish(event(second.tenantId(), second.userId(), "test.foreign"))))
			.rootCause()
			.hasMessageContaining("violates row-level security policy");
		assertThatThrownBy(() -> this.transactions.run(first.tenantId(),
				() -> this.jdbc.sql("DELETE FROM scheduler.event_outbox WHERE id = :id")
					.param("id", firstEvent)
					.update()))
			.rootCause()
			.hasMessageContaining("permission denied");

		relayUntilSettled(first.tenantId());
		relayUntilSettled(second.tenantId());

		assertThat(receivedEvents(firstToken)).hasSize(2)
			.allSatisfy((event) -> assertThat(event.get("type").asString()).isEqualTo("test.first"));
		assertThat(received(firstToken)).as("one request for the two events of one user").hasSize(1);
		assertThat(receivedEvents(secondToken)).singleElement()
			.satisfies((event) -> assertThat(event.get("id").asString()).isEqualTo(secondEvent.toString()));
	}

	private UUID publish(ApiCaller caller, String type) {
		return this.transactions.write(caller.tenantId(),
				() -> this.outbox.publish(event(caller.tenantId(), caller.userId(), type)));
	}

	private static PlatformEvent event(UUID tenantId, UUID userId, String type) {
		return new PlatformEvent(type, tenantId, userId, EventLevel.WARN, "test", "resource-1", "Something happened",
				Map.of("count", 3, "tags", List.of("a", "b")));
	}

	/**
	 * The token the WireMock auth service exchanges for this caller's user: its own, so
	 * that the events stubs answer this test's events only.
	 */
	private static String tokenFor(ApiCaller caller) {
		String token = "events-token-" + caller.userId();
		TestEnvironment.auth()
			.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH)).atPriority(1)
				.withFormParam("subject_token", equalTo(caller.userId().toString()))
				.withFormParam("tenant_id", equalTo(caller.tenantId().toString()))
				.willReturn(okJson("{\"access_token\": \"" + token + "\", \"expires_in\": 300}")));
		return token;
	}

	/**
	 * Relay until no event of the tenant is pending (other tests' events are relayed too,
	 * most to no stub, and dead-lettered).
	 */
	private void relayUntilSettled(UUID tenantId) {
		Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			this.relay.relayOnce();
			assertThat(rows(tenantId)).noneMatch((row) -> "pending".equals(row.get("state")));
		});
	}

	private String create(ApiCaller api, String fields) throws Exception {
		JsonNode body = JSON.readTree(fields);
		String request = """
				{"schedule_type": "interval", "agent_name": "developer", "task_payload": {"task": "t"},
				 "max_retries": 0, %s}
				""".formatted(body.toString().substring(1, body.toString().length() - 1));
		return json(this.mvc, api.post(request, "/schedules"), 201).get("id").asString();
	}

	private static List<Map<String, Object>> rows(UUID tenantId) {
		return OwnerDatabase.jdbc().sql("""
				SELECT id, user_id, type, state, attempts, last_error FROM scheduler.event_outbox
				WHERE tenant_id = :tenant ORDER BY created_at, type
				""").param("tenant", tenantId).query().listOfRows();
	}

	private static List<String> types(UUID tenantId) {
		return rows(tenantId).stream().map((row) -> (String) row.get("type")).toList();
	}

	private List<UUID> visibleIds(UUID tenantId) {
		return this.transactions.read(tenantId,
				() -> this.jdbc.sql("SELECT id FROM scheduler.event_outbox").query(UUID.class).list());
	}

	private static List<LoggedRequest> received(String token) {
		return TestEnvironment.agents()
			.findAll(postRequestedFor(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization",
					WireMock.equalTo("Bearer " + token)));
	}

	private static List<JsonNode> receivedEvents(String token) {
		return received(token).stream()
			.flatMap((request) -> JSON.readTree(request.getBodyAsString()).get("events").valueStream())
			.toList();
	}

}
