package io.temponest.scheduler.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /schedules}: create with both clients' bodies, read, list, change, pause,
 * delete.
 */
@SchedulerIntegrationTest
class ScheduleApiIntegrationTests {

	static final String SERVER_BODY = """
			{"name": "Nightly report", "schedule_type": "cron", "cron_expression": "0 2 * * *",
			 "timezone": "Europe/Berlin", "agent_name": "developer",
			 "task_payload": {"task": "Write the report", "context": {"nested": [1, 2, {"deep": true}]}},
			 "project_id": "p-1", "workflow_id": "w-1", "timeout_seconds": 120, "max_retries": 2,
			 "retry_delay_seconds": 30}
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Test
	void createWhenServerBodyThenCreatedWithBothClientsFieldsAndNextRun() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode created = json(this.mvc, api.post(SERVER_BODY, "/schedules"), 201);
		assertThat(created.get("name").asString()).isEqualTo("Nightly report");
		assertThat(created.get("schedule_type").asString()).isEqualTo("cron");
		assertThat(created.get("agent_name").asString()).isEqualTo("developer");
		assertThat(created.get("agent_id").asString()).isEqualTo("developer");
		assertThat(created.get("task_payload")).isEqualTo(created.get("task_config"));
		assertThat(created.get("task_payload").get("context").get("nested").get(2).get("deep").asBoolean()).isTrue();
		assertThat(created.get("tenant_id").asString()).isEqualTo(api.tenantId().toString());
		assertThat(created.get("user_id").asString()).isEqualTo(api.userId().toString());
		assertThat(created.get("timeout_seconds").asInt()).isEqualTo(120);
		assertThat(created.get("max_retries").asInt()).isEqualTo(2);
		assertThat(created.get("is_active").asBoolean()).isTrue();
		assertThat(created.get("is_paused").asBoolean()).isFalse();
		assertThat(created.get("run_count").asInt()).isZero();
		Instant next = Instant.parse(created.get("next_execution_at").asString());
		assertThat(created.get("next_run").asString()).isEqualTo(created.get("next_execution_at").asString());
		assertThat(next).isAfter(this.clock.instant()).isBefore(this.clock.instant().plus(Duration.ofHours(25)));
		assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(2);
		JsonNode fetched = json(this.mvc, api.get("/schedules/{id}", created.get("id").asString()), 200);
		assertThat(fetched).isEqualTo(created);
	}

	@Test
	void createWhenSdkBodyThenTypeAndNameDefaulted() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode created = json(this.mvc, api.post("""
				{"agent_id": "qa-tester", "cron_expression": "*/15 * * * *", "task_config": {"user_message": "Run"}}
				""", "/schedules/"), 201);
		assertThat(created.get("schedule_type").asString()).isEqualTo("cron");
		assertThat(created.get("agent_id").asString()).isEqualTo("qa-tester");
		assertThat(created.get("name").asString()).isEqualTo("qa-tester (cron */15 * * * *)");
		assertThat(created.get("task_config").get("user_message").asString()).isEqualTo("Run");
		assertThat(created.get("timezone").asString()).isEqualTo("UTC");
		assertThat(created.get("timeout_seconds").asInt()).isEqualTo(300);
		assertThat(created.get("max_retries").asInt()).isEqualTo(3);
		assertThat(created.get("retry_delay_seconds").asInt()).isEqualTo(60);
	}

	@Test
	void createWhenUnknownFieldsAndInactiveThenIgnoredAndPersisted() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode created = json(this.mvc, api.post("""
				{"name": "x", "schedule_type": "cron", "cron_expression": "0 * * * *", "agent_name": "devops",
				 "agent_id": "devops", "tenant_id": "%s", "agent_path": "engineering.devops",
				 "task_payload": {}, "is_active": false}
				""".formatted(java.util.UUID.randomUUID()), "/schedules/"), 201);
		assertThat(created.get("tenant_id").asString()).isEqualTo(api.tenantId().toString());
		assertThat(created.get("is_active").asBoolean()).isFalse();
	}

	@Test
	void createWhenIntervalOrOnceThenNextRunFollowsTheType() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode interval = json(this.mvc, api.post("""
				{"name": "i", "schedule_type": "interval", "interval_seconds": 3600, "agent_name": "devops",
				 "task_payload": {}}
				""", "/schedules"), 201);
		assertThat(Instant.parse(interval.get("next_run").asString())).isCloseTo(this.clock.instant().plusSeconds(3600),
				within(1, ChronoUnit.MILLIS));
		JsonNode once = json(this.mvc, api.post("""
				{"name": "o", "schedule_type": "once", "scheduled_time": "2031-05-01T10:00:00",
				 "agent_name": "devops", "task_payload": {}}
				""", "/schedules"), 201);
		assertThat(once.get("scheduled_time").asString()).isEqualTo("2031-05-01T10:00:00Z");
		assertThat(once.get("next_run").asString()).isEqualTo("2031-05-01T10:00:00Z");
		JsonNode offset = json(this.mvc, api.post("""
				{"name": "o", "scheduled_time": "2031-05-01T10:00:00+02:00", "agent_name": "devops"}
				""", "/schedules"), 201);
		assertThat(offset.get("schedule_type").asString()).isEqualTo("once");
		assertThat(offset.get("next_run").asString()).isEqualTo("2031-05-01T08:00:00Z");
		assertThat(offset.get("task_payload").isObject()).isTrue();
	}

	@Test
	void createWhenTypeFieldMissingThenBadRequestWithTheOriginalsMessages() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		this.mvc.perform(api.post("""
				{"name": "c", "schedule_type": "cron", "agent_name": "devops", "task_payload": {}}
				""", "/schedules"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("cron_expression required for cron schedule type"));
		this.mvc.perform(api.post("""
				{"name": "i", "schedule_type": "interval", "agent_name": "devops", "task_payload": {}}
				""", "/schedules"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("interval_seconds required for interval schedule type"));
		this.mvc.perform(api.post("""
				{"name": "o", "schedule_type": "once", "agent_name": "devops", "task_payload": {}}
				""", "/schedules"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("scheduled_time required for once schedule type"));
		this.mvc.perform(api.post("{\"agent_name\": \"devops\"}", "/schedules"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("schedule_type required")));
	}

	@Test
	void createWhenCronOrTimezoneInvalidThenBadRequest() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		this.mvc.perform(api.post("""
				{"name": "c", "cron_expression": "not a cron", "agent_name": "devops", "task_payload": {}}
				""", "/schedules"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("cron")));
		this.mvc.perform(api.post("""
				{"name": "c", "cron_expression": "0 0 30 2 *", "agent_name": "devops", "task_payload": {}}
				""", "/schedules")).andExpect(status().isBadRequest());
		this.mvc.perform(api.post("""
				{"name": "c", "cron_expression": "0 * * * *", "timezone": "Mars/Olympus", "agent_name": "devops"}
				""", "/schedules"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("timezone")));
	}

	@Test
	void createWhenFieldsInvalidThenUnprocessableWithFieldErrors() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		this.mvc.perform(api.post("{\"name\": \"c\", \"cron_expression\": \"0 * * * *\"}", "/schedules"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("agent_name"));
		this.mvc.perform(api.post("""
				{"cron_expression": "0 * * * *", "agent_name": "devops", "agent_id": "developer"}
				""", "/schedules"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("agent_name"));
		this.mvc.perform(api.post("""
				{"cron_expression": "0 * * * *", "agent_name": "devops", "timeout_seconds": 0}
				""", "/schedules"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("timeout_seconds"));
		this.mvc.perform(api.post("""
				{"schedule_type": "weekly", "cron_expression": "0 * * * *", "agent_name": "devops"}
				""", "/schedules")).andExpect(status().isUnprocessableContent());
		this.mvc.perform(api.post("""
				{"cron_expression": "0 * * * *", "agent_name": "devops", "task_payload": [1, 2]}
				""", "/schedules"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("task_payload"));
		this.mvc.perform(api.post("""
				{"scheduled_time": "tomorrow", "agent_name": "devops"}
				""", "/schedules"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("scheduled_time"));
		this.mvc.perform(api.post("""
				{"name": "%s", "cron_expression": "0 * * * *", "agent_name": "devops"}
				""".formatted("n".repeat(256)), "/schedules"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		this.mvc.perform(api.post("{", "/schedules")).andExpect(status().isUnprocessableContent());
	}

	@Test
	void listWhenNoPagingOrSkipLimitThenArrayNewestFirst() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		for (int i = 0; i < 5; i++) {
			create(api, "s" + i, i % 2 == 0);
		}
		JsonNode all = json(this.mvc, api.get("/schedules"), 200);
		assertThat(all.isArray()).isTrue();
		assertThat(all.size()).isEqualTo(5);
		assertThat(all.get(0).get("name").asString()).isEqualTo("s4");
		JsonNode page = json(this.mvc, api.get("/schedules/?skip=1&limit=2"), 200);
		assertThat(page.size()).isEqualTo(2);
		assertThat(page.get(0).get("name").asString()).isEqualTo("s3");
		assertThat(page.get(1).get("name").asString()).isEqualTo("s2");
		JsonNode inactive = json(this.mvc, api.get("/schedules?is_active=false"), 200);
		assertThat(inactive.size()).isEqualTo(2);
		assertThat(json(this.mvc, ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS).get("/schedules"), 200).size())
			.isZero();
	}

	@Test
	void listWhenPageParametersThenTheOriginalsEnvelope() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode empty = json(this.mvc, api.get("/schedules?page=1"), 200);
		assertThat(empty.get("tasks").size()).isZero();
		assertThat(empty.get("total").asInt()).isZero();
		assertThat(empty.get("page").asInt()).isEqualTo(1);
		assertThat(empty.get("page_size").asInt()).isEqualTo(50);
		for (int i = 0; i < 5; i++) {
			create(api, "s" + i, i != 1);
		}
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (int p = 1; p <= 3; p++) {
			JsonNode page = json(this.mvc, api.get("/schedules?page={p}&page_size=2", p), 200);
			assertThat(page.get("total").asInt()).isEqualTo(5);
			assertThat(page.get("tasks").size()).isEqualTo((p < 3) ? 2 : 1);
			page.get("tasks").forEach((task) -> seen.add(task.get("id").asString()));
		}
		assertThat(seen).hasSize(5);
		JsonNode active = json(this.mvc, api.get("/schedules?page=1&is_active=true"), 200);
		assertThat(active.get("total").asInt()).isEqualTo(4);
		this.mvc.perform(api.get("/schedules?page=0")).andExpect(status().isUnprocessableContent());
		this.mvc.perform(api.get("/schedules?page_size=101")).andExpect(status().isUnprocessableContent());
		this.mvc.perform(api.get("/schedules?limit=0")).andExpect(status().isUnprocessableContent());
	}

	@Test
	void getWhenUnknownOrOtherTenantThenNotFound() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, "mine", true);
		this.mvc.perform(api.get("/schedules/{id}", java.util.UUID.randomUUID()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("Scheduled task not found"));
		ApiCaller other = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		this.mvc.perform(other.get("/schedules/{id}", id)).andExpect(status().isNotFound());
		this.mvc.perform(other.patch("{\"name\": \"stolen\"}", "/schedules/{id}", id)).andExpect(status().isNotFound());
		this.mvc.perform(other.delete("/schedules/{id}", id)).andExpect(status().isNotFound());
		this.mvc.perform(api.get("/schedules/{id}", id)).andExpect(jsonPath("$.name").value("mine"));
		this.mvc.perform(api.get("/schedules/not-a-uuid")).andExpect(status().is4xxClientError());
	}

	@Test
	void patchWhenEmptyOrAbsentBodyThenUnchanged() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, "same", true);
		JsonNode before = json(this.mvc, api.get("/schedules/{id}", id), 200);
		JsonNode after = json(this.mvc, api.patch("{}", "/schedules/{id}", id), 200);
		assertThat(after.get("name")).isEqualTo(before.get("name"));
		assertThat(after.get("next_run")).isEqualTo(before.get("next_run"));
		this.mvc.perform(api.patch("", "/schedules/{id}", id)).andExpect(status().isOk());
	}

	@Test
	void patchWhenFieldsGivenThenChangedAndNextRunRecomputed() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, "before", true);
		JsonNode changed = json(this.mvc, api.patch("""
				{"name": "after", "cron_expression": "30 6 * * *", "timezone": "Asia/Tokyo",
				 "task_payload": {"task": "new"}, "max_retries": 0, "description": "d"}
				""", "/schedules/{id}", id), 200);
		assertThat(changed.get("name").asString()).isEqualTo("after");
		assertThat(changed.get("task_payload").get("task").asString()).isEqualTo("new");
		assertThat(changed.get("max_retries").asInt()).isZero();
		Instant next = Instant.parse(changed.get("next_run").asString());
		assertThat(next.atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalTime()).hasToString("06:30");
		JsonNode sdk = json(this.mvc,
				api.patch("{\"task_config\": {\"user_message\": \"hi\"}, \"name\": null}", "/schedules/{id}", id), 200);
		assertThat(sdk.get("task_payload").get("user_message").asString()).isEqualTo("hi");
		assertThat(sdk.get("name").asString()).isEqualTo("after");
		JsonNode cleared = json(this.mvc, api.patch("{\"description\": \"\"}", "/schedules/{id}", id), 200);
		assertThat(cleared.get("description").isNull()).isTrue();
	}

	@Test
	void patchWhenUnknownOrFixedOrInvalidFieldsThenUnprocessable() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, "strict", true);
		this.mvc.perform(api.patch("{\"nmae\": \"typo\"}", "/schedules/{id}", id))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("body"))
			.andExpect(jsonPath("$.errors[0].message").value(startsWith("has an unknown field (updatable: ")))
			.andExpect(content().string(not(containsString("nmae"))));
		this.mvc.perform(api.patch("{\"schedule_type\": \"interval\"}", "/schedules/{id}", id))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("schedule_type"));
		this.mvc.perform(api.patch("{\"max_retries\": 11}", "/schedules/{id}", id))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("max_retries"));
		this.mvc.perform(api.patch("{\"is_active\": \"maybe\"}", "/schedules/{id}", id))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(api.patch("{\"cron_expression\": \"61 * * * *\"}", "/schedules/{id}", id))
			.andExpect(status().isBadRequest());
		this.mvc.perform(api.patch("[1]", "/schedules/{id}", id)).andExpect(status().isUnprocessableContent());
		this.mvc.perform(api.get("/schedules/{id}", id)).andExpect(jsonPath("$.cron_expression").value("0 * * * *"));
	}

	@Test
	void pauseAndResumeWhenEitherStyleThenNotRunWhilePausedAndMissedOccurrencesSkipped() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, "pausable", true);
		JsonNode paused = json(this.mvc, api.post("", "/schedules/{id}/pause", id), 200);
		assertThat(paused.get("is_paused").asBoolean()).isTrue();
		assertThat(paused.get("is_active").asBoolean()).isTrue();
		this.clock.advance(Duration.ofHours(5));
		JsonNode resumed = json(this.mvc, api.post("", "/schedules/{id}/resume/", id), 200);
		assertThat(resumed.get("is_paused").asBoolean()).isFalse();
		assertThat(Instant.parse(resumed.get("next_run").asString())).isAfter(this.clock.instant())
			.isBefore(this.clock.instant().plus(Duration.ofHours(1)));
		JsonNode deactivated = json(this.mvc, api.patch("{\"is_active\": false}", "/schedules/{id}", id), 200);
		assertThat(deactivated.get("is_active").asBoolean()).isFalse();
		this.clock.advance(Duration.ofHours(3));
		JsonNode reactivated = json(this.mvc, api.patch("{\"is_active\": true}", "/schedules/{id}", id), 200);
		assertThat(Instant.parse(reactivated.get("next_run").asString())).isAfter(this.clock.instant());
		this.mvc.perform(api.post("", "/schedules/{id}/pause", java.util.UUID.randomUUID()))
			.andExpect(status().isNotFound());
	}

	@Test
	void deleteWhenExistingThenGoneAndUnknownNotFound() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, "doomed", true);
		this.mvc.perform(api.delete("/schedules/{id}", id)).andExpect(status().isNoContent());
		this.mvc.perform(api.get("/schedules/{id}", id)).andExpect(status().isNotFound());
		this.mvc.perform(api.delete("/schedules/{id}/", id)).andExpect(status().isNotFound());
	}

	@Test
	void requestsWhenUnauthenticatedOrUnauthorizedThenRejectedWithProblems() throws Exception {
		this.mvc.perform(MockMvcRequestBuilders.get("/schedules"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"))
			.andExpect(jsonPath("$.detail").exists());
		this.mvc.perform(MockMvcRequestBuilders.get("/schedules").header("Authorization", "Bearer not.a.token"))
			.andExpect(status().isUnauthorized());
		ApiCaller owner = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(owner, "guarded", true);
		ApiCaller viewer = owner.colleague("schedules:read");
		this.mvc.perform(viewer.get("/schedules/{id}", id)).andExpect(status().isOk());
		this.mvc.perform(viewer.post(SERVER_BODY, "/schedules"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("Missing required permission: schedules:write"));
		this.mvc.perform(viewer.delete("/schedules/{id}", id)).andExpect(status().isForbidden());
		this.mvc.perform(viewer.post("", "/schedules/{id}/trigger", id))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("Missing required permission: schedules:execute"));
		ApiCaller nobody = owner.colleague();
		this.mvc.perform(nobody.get("/schedules")).andExpect(status().isForbidden());
	}

	@Test
	void createWhenOverTheHourlyLimitThenTooManyRequestsWithRetryAfter() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		for (int i = 0; i < 50; i++) {
			this.mvc.perform(api.post(SERVER_BODY, "/schedules")).andExpect(status().isCreated());
		}
		this.mvc.perform(api.post(SERVER_BODY, "/schedules"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(header().string("X-RateLimit-Limit", "50"));
		this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS).post(SERVER_BODY, "/schedules"))
			.andExpect(status().isCreated());
	}

	private String create(ApiCaller api, String name, boolean active) throws Exception {
		return json(this.mvc, api.post("""
				{"name": "%s", "schedule_type": "cron", "cron_expression": "0 * * * *", "agent_name": "devops",
				 "task_payload": {"task": "t"}, "is_active": %s}
				""".formatted(name, active), "/schedules"), 201).get("id").asString();
	}

}
