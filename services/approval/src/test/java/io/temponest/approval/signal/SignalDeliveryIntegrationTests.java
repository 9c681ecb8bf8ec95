package io.temponest.approval.signal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.temponest.approval.ApprovalIntegrationTest;
import io.temponest.approval.Fixtures;
import io.temponest.approval.OwnerDatabase;
import io.temponest.approval.RecordingWorkflow;
import io.temponest.approval.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Decisions reach the requesting workflow as {@code approval_signal} through a real
 * Temporal (test) server: in order, once, with the request's state; a workflow that is
 * gone is noted, not retried; while Temporal is unreachable signals wait and arrive once
 * it is back.
 */
@ApprovalIntegrationTest
class SignalDeliveryIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SignalDispatcher dispatcher;

	@Autowired
	MutableClock clock;

	@Autowired
	TemporalProbe probe;

	private final ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

	@Test
	void decisionsWhenDispatchedThenTheWorkflowReceivesEachOnceWithTheRequestsState() throws Exception {
		RecordingWorkflow.Started workflow = TestEnvironment.startRecordingWorkflow();
		String id = Fixtures.createWith(this.mvc, this.requester,
				Fixtures.body("high", workflow.workflowId(), workflow.runId()));
		ApiCaller first = this.requester.colleague("approvals:approve");
		ApiCaller second = this.requester.colleague("approvals:approve");
		String firstDecision = json(this.mvc, first.post("{\"reason\": \"ok\"}", "/api/approvals/{id}/approve", id),
				200)
			.get("decision_id")
			.asString();
		json(this.mvc, second.post("{}", "/api/approvals/{id}/approve", id), 200);
		this.dispatcher.dispatchDue();
		List<Map<String, Object>> signals = awaitSignals(workflow, 2);
		assertThat(signals.get(0)).containsEntry("approval_id", id)
			.containsEntry("decision_id", firstDecision)
			.containsEntry("status", "approved")
			.containsEntry("approver", first.userId().toString())
			.containsEntry("reason", "ok")
			.containsEntry("approval_status", "pending");
		assertThat(signals.get(1)).containsEntry("status", "approved")
			.containsEntry("approver", second.userId().toString())
			.containsEntry("approval_status", "approved")
			.containsEntry("reason", null);
		assertThat(this.dispatcher.dispatchDue()).isZero();
		assertThat(RecordingWorkflow.signals(TestEnvironment.temporal(), workflow)).hasSize(2);
		assertThat(undelivered(id)).isZero();
		RecordingWorkflow.terminate(TestEnvironment.temporal(), workflow);
	}

	@Test
	void workflowWhenGoneThenSignalMarkedDeliveredWithANote() throws Exception {
		String id = Fixtures.create(this.mvc, this.requester, "low");
		json(this.mvc, this.requester.colleague("approvals:approve").post("{}", "/api/approvals/{id}/approve", id),
				200);
		this.dispatcher.dispatchDue();
		assertThat(OwnerDatabase.jdbc()
			.sql("SELECT note FROM approval.signal_outbox WHERE approval_id = CAST(:id AS uuid) "
					+ "AND delivered_at IS NOT NULL")
			.param("id", id)
			.query(String.class)
			.list()).singleElement().asString().startsWith(SignalDispatcher.WORKFLOW_GONE);
	}

	@Test
	void temporalWhenDownThenUpThenTheDecisionIsDeliveredExactlyOnce() throws Exception {
		RecordingWorkflow.Started workflow = TestEnvironment.startRecordingWorkflow();
		String id = Fixtures.createWith(this.mvc, this.requester,
				Fixtures.body("low", workflow.workflowId(), workflow.runId()));
		TcpProxy proxy = TestEnvironment.temporalProxy();
		proxy.cut();
		try {
			JsonNode decided = json(this.mvc,
					this.requester.colleague("approvals:approve").post("{}", "/api/approvals/{id}/approve", id), 200);
			assertThat(decided.get("status").asString()).isEqualTo("approved");
			this.dispatcher.dispatchDue();
			assertThat(undelivered(id)).isOne();
			assertThat(attempts(id)).isOne();
			assertThat(this.probe.health().getStatus().getCode()).isEqualTo("UNKNOWN");
			assertThat(RecordingWorkflow.signals(TestEnvironment.temporal(), workflow)).isEmpty();
			// not due again before its back-off
			this.dispatcher.dispatchDue();
			assertThat(attempts(id)).isOne();
		}
		finally {
			proxy.restore();
		}
		// gRPC reconnects on its own back-off after the cut: an attempt that still finds
		// the channel reconnecting is retried, each made due by moving past the longest
		// back-off (the business clock does not move by itself here)
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
			this.dispatcher.dispatchDue();
			assertThat(undelivered(id)).isZero();
		});
		List<Map<String, Object>> signals = awaitSignals(workflow, 1);
		assertThat(signals).singleElement().satisfies((signal) -> assertThat(signal).containsEntry("approval_id", id));
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.dispatcher.dispatchDue()).isZero();
		assertThat(RecordingWorkflow.signals(TestEnvironment.temporal(), workflow)).hasSize(1);
		assertThat(this.probe.health().getStatus().getCode()).isEqualTo("UP");
		RecordingWorkflow.terminate(TestEnvironment.temporal(), workflow);
	}

	private static List<Map<String, Object>> awaitSignals(RecordingWorkflow.Started workflow, int count) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> RecordingWorkflow.signals(TestEnvironment.temporal(), workflow), (s) -> s.size() >= count);
	}

	private static long undelivered(String id) {
		return OwnerDatabase.jdbc()
			.sql("SELECT count(*) FROM approval.signal_outbox WHERE approval_id = CAST(:id AS uuid) "
					+ "AND delivered_at IS NULL")
			.param("id", id)
			.query(Long.class)
			.single();
	}

	private static int attempts(String id) {
		return OwnerDatabase.jdbc()
			.sql("SELECT attempts FROM approval.signal_outbox WHERE approval_id = CAST(:id AS uuid)")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

}
