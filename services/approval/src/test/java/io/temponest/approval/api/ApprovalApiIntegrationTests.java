package io.temponest.approval.api;

import java.time.Duration;
import java.util.UUID;

import io.temponest.approval.ApprovalIntegrationTest;
import io.temponest.approval.Fixtures;
import io.temponest.approval.OwnerDatabase;
import io.temponest.approval.TestEnvironment;
import io.temponest.approval.request.ExpirySweeper;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/approvals}: ask, read, list, approve and deny under the rules (distinct
 * approvers, no self-decisions, denial ends, nothing after the end, expiry), with problem
 * answers for every refusal.
 */
@ApprovalIntegrationTest
class ApprovalApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	ExpirySweeper sweeper;

	private final ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

	@Test
	void createWhenValidThenPendingWithDefaultsAndTheCallerAsRequester() throws Exception {
		JsonNode created = json(this.mvc,
				this.requester.post(Fixtures.body("medium", "wf-1", "run-1"), "/api/approvals"), 200);
		assertThat(created.get("status").asString()).isEqualTo("pending");
		assertThat(created.get("approved_by").isNull()).isTrue();
		assertThat(created.get("approved_at").isNull()).isTrue();
		assertThat(created.get("required_approvers").asInt()).isEqualTo(1);
		assertThat(created.get("requested_by").asString()).isEqualTo(this.requester.userId().toString());
		assertThat(created.get("context").get("changes").get(2).asInt()).isEqualTo(3);
		assertThat(created.get("decisions").isEmpty()).isTrue();
		assertThat(java.time.Instant.parse(created.get("expires_at").asString()))
			.isEqualTo(java.time.Instant.parse(created.get("created_at").asString()).plus(Duration.ofHours(24)));
		JsonNode fetched = json(this.mvc,
				this.requester.get("/api/approvals/{id}", created.get("approval_id").asString()), 200);
		assertThat(fetched).isEqualTo(created);
		assertThat(OwnerDatabase.jdbc()
			.sql("SELECT action || ':' || actor FROM approval.audit_log WHERE approval_id = CAST(:id AS uuid)")
			.param("id", created.get("approval_id").asString())
			.query(String.class)
			.list()).containsExactly("request:" + this.requester.userId());
	}

	@Test
	void createWhenHighRiskThenTwoApproversAndContextDefaultsToEmpty() throws Exception {
		JsonNode created = json(this.mvc, this.requester.post("""
				{"workflow_id": "w", "run_id": "r", "task_description": "t", "risk_level": "high"}
				""", "/api/approvals/"), 200);
		assertThat(created.get("required_approvers").asInt()).isEqualTo(2);
		assertThat(created.get("context").isObject()).isTrue();
		assertThat(created.get("context").isEmpty()).isTrue();
		JsonNode chosen = json(this.mvc, this.requester.post("""
				{"workflow_id": "w", "run_id": "r", "task_description": "t", "risk_level": "low",
				 "required_approvers": 3}
				""", "/api/approvals"), 200);
		assertThat(chosen.get("required_approvers").asInt()).isEqualTo(3);
	}

	@Test
	void createWhenInvalidThen422Problems() throws Exception {
		for (String body : new String[] { """
				{"workflow_id": "w", "run_id": "r", "task_description": "t", "risk_level": "critical"}""", """
				{"workflow_id": "w"}""",
				"""
						{"workflow_id": "w", "run_id": "r", "task_description": "t", "risk_level": "low", "required_approvers": 6}""",
				"""
						{"workflow_id": "w", "run_id": "r", "task_description": "t", "risk_level": "low", "context": [1]}""",
				"""
						{"workflow_id": "", "run_id": "r", "task_description": "t", "risk_level": "low"}""" }) {
			JsonNode problem = json(this.mvc, this.requester.post(body, "/api/approvals"), 422);
			assertThat(problem.get("detail").asString()).as(body).isNotBlank();
			assertThat(problem.get("status").asInt()).isEqualTo(422);
		}
	}

	@Test
	void createWhenSameIdempotencyKeyThenTheSameRequestOnce() throws Exception {
		String body = """
				{"workflow_id": "w", "run_id": "r", "task_description": "t", "risk_level": "low",
				 "idempotency_key": "activity-attempt-1"}""";
		String first = json(this.mvc, this.requester.post(body, "/api/approvals"), 200).get("approval_id").asString();
		String again = json(this.mvc, this.requester.post(body, "/api/approvals"), 200).get("approval_id").asString();
		assertThat(again).isEqualTo(first);
		ApiCaller otherTenant = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String other = json(this.mvc, otherTenant.post(body, "/api/approvals"), 200).get("approval_id").asString();
		assertThat(other).isNotEqualTo(first);
		assertThat(OwnerDatabase.jdbc()
			.sql("SELECT count(*) FROM approval.approval_requests WHERE idempotency_key = 'activity-attempt-1' "
					+ "AND tenant_id = :tenant")
			.param("tenant", this.requester.tenantId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void getWhenUnknownOrMalformedIdThen404Problem() throws Exception {
		for (String id : new String[] { UUID.randomUUID().toString(), "non-existent-id", "1' OR '1'='1" }) {
			JsonNode problem = json(this.mvc, this.requester.get("/api/approvals/{id}", id), 404);
			assertThat(problem.get("detail").asString()).isEqualTo("Approval not found");
		}
	}

	@Test
	void anotherTenantsRequestWhenReadListedOrDecidedThenNotFound() throws Exception {
		String id = Fixtures.create(this.mvc, this.requester, "low");
		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		json(this.mvc, stranger.get("/api/approvals/{id}", id), 404);
		assertThat(json(this.mvc, stranger.get("/api/approvals"), 200).isEmpty()).isTrue();
		json(this.mvc, stranger.post("{}", "/api/approvals/{id}/approve", id), 404);
		json(this.mvc, this.requester.get("/api/approvals/{id}", id), 200);
	}

	@Test
	void listWhenFilteredAndPagedThenNewestFirstArrayOrEnvelope() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String first = Fixtures.create(this.mvc, api, "low");
		this.clock.advance(Duration.ofSeconds(1));
		String second = Fixtures.create(this.mvc, api, "high");
		this.clock.advance(Duration.ofSeconds(1));
		String third = Fixtures.create(this.mvc, api, "medium");
		json(this.mvc, api.colleague(TestEnvironment.ALL_PERMISSIONS.toArray(String[]::new))
			.post("{\"reason\": \"no\"}", "/api/approvals/{id}/deny", second), 200);
		JsonNode all = json(this.mvc, api.get("/api/approvals"), 200);
		assertThat(all.isArray()).isTrue();
		assertThat(all.valueStream().map((n) -> n.get("id").asString())).containsExactly(third, second, first);
		assertThat(all.get(0).get("approval_id").asString()).isEqualTo(third);
		JsonNode denied = json(this.mvc, api.get("/api/approvals/?status=denied"), 200);
		assertThat(denied.valueStream().map((n) -> n.get("id").asString())).containsExactly(second);
		JsonNode pending = json(this.mvc, api.get("/api/approvals?status=pending&limit=1"), 200);
		assertThat(pending.valueStream().map((n) -> n.get("id").asString())).containsExactly(third);
		JsonNode skipped = json(this.mvc, api.get("/api/approvals?skip=1&limit=1"), 200);
		assertThat(skipped.valueStream().map((n) -> n.get("id").asString())).containsExactly(second);
		JsonNode envelope = json(this.mvc, api.get("/api/approvals?page=2&page_size=2"), 200);
		assertThat(envelope.get("total").asLong()).isEqualTo(3);
		assertThat(envelope.get("page").asInt()).isEqualTo(2);
		assertThat(envelope.get("approvals").valueStream().map((n) -> n.get("id").asString())).containsExactly(first);
		JsonNode problem = json(this.mvc, api.get("/api/approvals?status=whatever"), 422);
		assertThat(problem.get("detail").asString()).isNotBlank();
		json(this.mvc, api.get("/api/approvals?limit=101"), 422);
	}

	@Test
	void approveWhenJsonFormOrMultipartThenTheCallerIsTheApproverAndTheFieldIsIgnored() throws Exception {
		ApiCaller approver = this.requester.colleague("approvals:approve", "approvals:read");
		String json = Fixtures.create(this.mvc, this.requester, "low");
		JsonNode answer = json(this.mvc, approver.post("""
				{"approver": "someone-else", "reason": "Looks good"}""", "/api/approvals/{id}/approve/", json), 200);
		assertThat(answer.get("status").asString()).isEqualTo("approved");
		assertThat(answer.get("approval_id").asString()).isEqualTo(json);
		JsonNode read = json(this.mvc, approver.get("/api/approvals/{id}", json), 200);
		assertThat(read.get("approved_by").asString()).isEqualTo(approver.userId().toString());
		assertThat(read.get("approved_at").isNull()).isFalse();
		assertThat(read.get("decisions").get(0).get("approver").asString()).isEqualTo(approver.userId().toString());
		assertThat(read.get("decisions").get(0).get("reason").asString()).isEqualTo("Looks good");

		String form = Fixtures.create(this.mvc, this.requester, "low");
		JsonNode formAnswer = json(this.mvc,
				approver.from(MockMvcRequestBuilders.post("/api/approvals/{id}/approve", form))
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.param("approver", "someone-else"),
				200);
		assertThat(formAnswer.get("status").asString()).isEqualTo("approved");

		String multipart = Fixtures.create(this.mvc, this.requester, "low");
		JsonNode multipartAnswer = json(this.mvc,
				approver.from(MockMvcRequestBuilders.multipart("/api/approvals/{id}/deny", multipart)
					.file(new MockMultipartFile("unused", new byte[0]))
					.param("approver", "someone-else")
					.param("reason", "Too risky")),
				200);
		assertThat(multipartAnswer.get("status").asString()).isEqualTo("denied");
		JsonNode denied = json(this.mvc, approver.get("/api/approvals/{id}", multipart), 200);
		assertThat(denied.get("approved_by").asString()).isEqualTo(approver.userId().toString());
		assertThat(denied.get("decisions").get(0).get("decision").asString()).isEqualTo("denied");
	}

	@Test
	void denyWhenReasonMissingOrBlankThen422AndNothingRecorded() throws Exception {
		ApiCaller approver = this.requester.colleague("approvals:approve", "approvals:read");
		String id = Fixtures.create(this.mvc, this.requester, "low");
		for (String body : new String[] { "{}", "{\"reason\": \"   \"}" }) {
			JsonNode problem = json(this.mvc, approver.post(body, "/api/approvals/{id}/deny", id), 422);
			assertThat(problem.get("detail").asString()).isEqualTo("A reason is required to deny an approval");
		}
		json(this.mvc,
				approver.from(MockMvcRequestBuilders.post("/api/approvals/{id}/deny", id))
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.param("reason", ""),
				422);
		assertThat(json(this.mvc, approver.get("/api/approvals/{id}", id), 200).get("status").asString())
			.isEqualTo("pending");
	}

	@Test
	void decideWhenRequesterThen403AndWhenTwiceOrAfterTheEndThen409() throws Exception {
		String id = Fixtures.create(this.mvc, this.requester, "high");
		JsonNode own = json(this.mvc, this.requester.post("{}", "/api/approvals/{id}/approve", id), 403);
		assertThat(own.get("detail").asString()).contains("cannot decide their own");
		ApiCaller first = this.requester.colleague("approvals:approve", "approvals:read");
		JsonNode half = json(this.mvc, first.post("{}", "/api/approvals/{id}/approve", id), 200);
		assertThat(half.get("status").asString()).isEqualTo("pending");
		assertThat(half.get("approvals").asInt()).isEqualTo(1);
		JsonNode twice = json(this.mvc, first.post("{}", "/api/approvals/{id}/approve", id), 409);
		assertThat(twice.get("detail").asString()).contains("already decided");
		ApiCaller second = this.requester.colleague("approvals:approve");
		JsonNode done = json(this.mvc, second.post("{}", "/api/approvals/{id}/approve", id), 200);
		assertThat(done.get("status").asString()).isEqualTo("approved");
		ApiCaller late = this.requester.colleague("approvals:approve");
		JsonNode after = json(this.mvc, late.post("{\"reason\": \"no\"}", "/api/approvals/{id}/deny", id), 409);
		assertThat(after.get("detail").asString()).isEqualTo("Approval already processed");
	}

	@Test
	void denyWhenFirstOfTwoApprovalsThenEndsAtOnce() throws Exception {
		String id = Fixtures.create(this.mvc, this.requester, "high");
		json(this.mvc, this.requester.colleague("approvals:approve").post("{}", "/api/approvals/{id}/approve", id),
				200);
		JsonNode denied = json(this.mvc, this.requester.colleague("approvals:approve")
			.post("{\"reason\": \"Not now\"}", "/api/approvals/{id}/deny", id), 200);
		assertThat(denied.get("status").asString()).isEqualTo("denied");
		json(this.mvc, this.requester.colleague("approvals:approve").post("{}", "/api/approvals/{id}/approve", id),
				409);
	}

	@Test
	void decideWhenExpiredByTimeThen409BeforeAndAfterTheSweep() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = Fixtures.create(this.mvc, api, "low");
		this.clock.advance(Duration.ofHours(24).plusSeconds(1));
		try {
			ApiCaller approver = api.colleague("approvals:approve", "approvals:read");
			JsonNode early = json(this.mvc, approver.post("{}", "/api/approvals/{id}/approve", id), 409);
			assertThat(early.get("detail").asString()).isEqualTo("Approval has expired");
			assertThat(json(this.mvc, approver.get("/api/approvals/{id}", id), 200).get("status").asString())
				.isEqualTo("expired");
			assertThat(this.sweeper.sweep()).isPositive();
			assertThat(OwnerDatabase.jdbc()
				.sql("SELECT status FROM approval.approval_requests WHERE id = CAST(:id AS uuid)")
				.param("id", id)
				.query(String.class)
				.single()).isEqualTo("expired");
			assertThat(OwnerDatabase.jdbc()
				.sql("SELECT payload ->> 'status' FROM approval.signal_outbox WHERE approval_id = CAST(:id AS uuid)")
				.param("id", id)
				.query(String.class)
				.list()).containsExactly("expired");
			json(this.mvc, approver.post("{\"reason\": \"late\"}", "/api/approvals/{id}/deny", id), 409);
			assertThat(json(this.mvc, api.get("/api/approvals?status=expired"), 200).valueStream()
				.map((n) -> n.get("id").asString())).contains(id);
		}
		finally {
			// requests of other tests created before the move are expired too; nothing
			// else depends on the clock
			this.sweeper.sweep();
		}
	}

	@Test
	void callsWhenUnauthenticatedOrLackingPermissionThen401Or403() throws Exception {
		String id = Fixtures.create(this.mvc, this.requester, "low");
		JsonNode missing = json(this.mvc, ApiCaller.anonymous().get("/api/approvals/{id}", id), 401);
		assertThat(missing.get("detail").asString()).isEqualTo("Missing authentication credentials");
		ApiCaller developer = ApiCaller.ofTenant(this.requester.tenantId(), java.util.List.of("workflows:create"));
		JsonNode denied = json(this.mvc, developer.get("/api/approvals/{id}", id), 403);
		assertThat(denied.get("detail").asString()).isEqualTo("Missing required permission: approvals:read");
		json(this.mvc, developer.post("{}", "/api/approvals/{id}/approve", id), 403);
		ApiCaller viewer = ApiCaller.ofTenant(this.requester.tenantId(), java.util.List.of("approvals:read"));
		json(this.mvc, viewer.post(Fixtures.body("low", "w", "r"), "/api/approvals"), 403);
	}

}
