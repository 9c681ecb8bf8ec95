package io.temponest.approval.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.temponest.approval.ApprovalIntegrationTest;
import io.temponest.approval.Fixtures;
import io.temponest.approval.OwnerDatabase;
import io.temponest.approval.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty people decide one request at the same moment: the guarded update lets through
 * exactly what the rules allow, and every refused call is a 409.
 */
@ApprovalIntegrationTest
class ConcurrentDecisionIntegrationTests {

	private static final int DECIDERS = 20;

	@Autowired
	MockMvc mvc;

	@RepeatedTest(3)
	void mixedDecisionsWhenConcurrentThenTwoApprovalsOrOneDenialAndNothingMore() throws Exception {
		ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = Fixtures.create(this.mvc, requester, "high");
		List<Integer> statuses = race(requester, id, (i) -> (i % 3 == 2) ? "deny" : "approve");
		Map<String, Object> row = row(id);
		List<Map<String, Object>> decisions = decisions(id);
		long approvals = decisions.stream().filter((d) -> d.get("decision").equals("approved")).count();
		long denials = decisions.stream().filter((d) -> d.get("decision").equals("denied")).count();
		if (row.get("status").equals("approved")) {
			assertThat(approvals).isEqualTo(2);
			assertThat(denials).isZero();
		}
		else {
			assertThat(row.get("status")).isEqualTo("denied");
			assertThat(denials).isEqualTo(1);
			assertThat(approvals).isLessThan(2);
		}
		assertThat(statuses).filteredOn((s) -> s == 200).hasSize(decisions.size());
		assertThat(statuses).filteredOn((s) -> s != 200).containsOnly(409);
		assertThat(((Number) row.get("approvals")).longValue()).isEqualTo(approvals);
		assertThat(signals(id)).isEqualTo(decisions.size());
	}

	@Test
	void approvalsOnlyWhenConcurrentThenExactlyTwoCounted() throws Exception {
		ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = Fixtures.create(this.mvc, requester, "high");
		List<Integer> statuses = race(requester, id, (i) -> "approve");
		assertThat(row(id).get("status")).isEqualTo("approved");
		assertThat(decisions(id)).hasSize(2);
		assertThat(statuses).filteredOn((s) -> s == 200).hasSize(2);
		assertThat(statuses).filteredOn((s) -> s == 409).hasSize(DECIDERS - 2);
	}

	@Test
	void samePersonWhenConcurrentThenOneDecision() throws Exception {
		ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = Fixtures.create(this.mvc, requester, "high");
		ApiCaller approver = requester.colleague("approvals:approve");
		List<Integer> statuses = raceAs(id, (i) -> approver, (i) -> "approve");
		assertThat(decisions(id)).hasSize(1);
		assertThat(row(id).get("status")).isEqualTo("pending");
		assertThat(statuses).filteredOn((s) -> s == 200).hasSize(1);
		assertThat(statuses).filteredOn((s) -> s == 409).hasSize(DECIDERS - 1);
	}

	@Test
	void sameIdempotencyKeyWhenCreatedConcurrentlyThenOneRequest() throws Exception {
		ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String body = """
				{"workflow_id": "w", "run_id": "r", "task_description": "t", "risk_level": "low",
				 "idempotency_key": "retried-activity"}""";
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> calls = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 10; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return json(this.mvc, requester.post(body, "/api/approvals"), 200).get("approval_id").asString();
				}));
			}
			start.countDown();
			List<String> ids = new ArrayList<>();
			for (Future<String> call : calls) {
				ids.add(call.get());
			}
			assertThat(ids).hasSize(10).containsOnly(ids.get(0));
		}
		assertThat(OwnerDatabase.jdbc()
			.sql("SELECT count(*) FROM approval.approval_requests WHERE tenant_id = :tenant")
			.param("tenant", requester.tenantId())
			.query(Long.class)
			.single()).isOne();
	}

	private List<Integer> race(ApiCaller requester, String id, java.util.function.IntFunction<String> action)
			throws Exception {
		List<ApiCaller> people = new ArrayList<>();
		for (int i = 0; i < DECIDERS; i++) {
			people.add(requester.colleague("approvals:approve"));
		}
		return raceAs(id, people::get, action);
	}

	private List<Integer> raceAs(String id, java.util.function.IntFunction<ApiCaller> who,
			java.util.function.IntFunction<String> action) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> calls = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < DECIDERS; i++) {
				ApiCaller person = who.apply(i);
				String verb = action.apply(i);
				calls.add(pool.submit(() -> {
					start.await();
					return this.mvc.perform(person.post("{\"reason\": \"race\"}", "/api/approvals/{id}/" + verb, id))
						.andReturn()
						.getResponse()
						.getStatus();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> call : calls) {
				statuses.add(call.get());
			}
			return statuses;
		}
	}

	private static Map<String, Object> row(String id) {
		return OwnerDatabase.jdbc()
			.sql("SELECT status, approvals FROM approval.approval_requests WHERE id = CAST(:id AS uuid)")
			.param("id", id)
			.query()
			.singleRow();
	}

	private static List<Map<String, Object>> decisions(String id) {
		return OwnerDatabase.jdbc()
			.sql("SELECT approver, decision FROM approval.decisions WHERE approval_id = CAST(:id AS uuid)")
			.param("id", id)
			.query()
			.listOfRows();
	}

	private static long signals(String id) {
		return OwnerDatabase.jdbc()
			.sql("SELECT count(*) FROM approval.signal_outbox WHERE approval_id = CAST(:id AS uuid)")
			.param("id", id)
			.query(Long.class)
			.single();
	}

}
