package io.temponest.scheduler.api;

import java.time.Duration;

import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.scheduler.dispatch.Polls;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /schedules/{id}/trigger} and {@code GET /schedules/{id}/executions}. */
@SchedulerIntegrationTest
class ExecutionApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Polls polls;

	@Test
	void triggerWhenActiveThenAcceptedWithTheExecutionAndRunByThePoller() throws Exception {
		AgentStubs.completing();
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, true, false);
		JsonNode queued = json(this.mvc, api.post("", "/schedules/{id}/trigger", id), 202);
		assertThat(queued.get("message").asString()).isEqualTo("Task triggered successfully");
		assertThat(queued.get("execution_id").asString()).isEqualTo(queued.get("id").asString());
		assertThat(queued.get("task_id").asString()).isEqualTo(id);
		assertThat(queued.get("status").asString()).isEqualTo("pending");
		assertThat(queued.get("triggered_by").asString()).isEqualTo("manual");
		assertThat(queued.get("execution_number").asInt()).isEqualTo(1);
		this.polls.runUntilIdle();
		JsonNode executions = json(this.mvc, api.get("/schedules/{id}/executions?page=1", id), 200);
		assertThat(executions.get("total").asInt()).isEqualTo(1);
		JsonNode run = executions.get("executions").get(0);
		assertThat(run.get("id").asString()).isEqualTo(queued.get("id").asString());
		assertThat(run.get("status").asString()).isEqualTo("completed");
		assertThat(run.get("tokens_used").asInt()).isEqualTo(2500);
		assertThat(run.get("cost_usd").asDouble()).isEqualTo(0.075);
		assertThat(run.get("agent_task_id").asString()).isEqualTo("agent-task-1");
		assertThat(run.get("agent_execution_id").asString()).isEqualTo("agent-task-1");
		assertThat(run.get("result").get("files").get(0).asString()).isEqualTo("a.py");
		assertThat(run.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
		JsonNode schedule = json(this.mvc, api.get("/schedules/{id}", id), 200);
		assertThat(schedule.get("total_executions").asInt()).isEqualTo(1);
		assertThat(schedule.get("successful_executions").asInt()).isEqualTo(1);
		assertThat(schedule.get("last_run").isNull()).isFalse();
	}

	@Test
	void triggerWhenPausedThenAcceptedButInactiveOrUnknownNotFound() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		this.mvc.perform(api.post("", "/schedules/{id}/trigger/", create(api, true, true)))
			.andExpect(status().isAccepted());
		this.mvc.perform(api.post("", "/schedules/{id}/trigger", create(api, false, false)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("Scheduled task not found or not active"));
		this.mvc.perform(api.post("", "/schedules/{id}/trigger", java.util.UUID.randomUUID()))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS)
				.post("", "/schedules/{id}/trigger", create(api, true, false)))
			.andExpect(status().isNotFound());
		this.polls.runUntilIdle();
	}

	@Test
	void triggerWhenRepeatedThenUniqueNumbersAndHistoryNewestFirst() throws Exception {
		AgentStubs.failing(404);
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, true, false);
		for (int i = 1; i <= 3; i++) {
			JsonNode queued = json(this.mvc, api.post("", "/schedules/{id}/trigger", id), 202);
			assertThat(queued.get("execution_number").asInt()).isEqualTo(i);
		}
		this.polls.runUntilIdle();
		JsonNode all = json(this.mvc, api.get("/schedules/{id}/executions", id), 200);
		assertThat(all.isArray()).isTrue();
		assertThat(all.size()).isEqualTo(3);
		assertThat(all.get(0).get("execution_number").asInt()).isEqualTo(3);
		assertThat(all.get(2).get("execution_number").asInt()).isEqualTo(1);
		assertThat(all.get(0).get("status").asString()).isEqualTo("failed");
		assertThat(all.get(0).get("error_message").asString()).contains("404");
		assertThat(all.get(0).get("error").asString()).isEqualTo(all.get(0).get("error_message").asString());
		JsonNode page = json(this.mvc, api.get("/schedules/{id}/executions?skip=1&limit=1", id), 200);
		assertThat(page.get(0).get("execution_number").asInt()).isEqualTo(2);
		JsonNode envelope = json(this.mvc, api.get("/schedules/{id}/executions?page=2&page_size=2", id), 200);
		assertThat(envelope.get("total").asInt()).isEqualTo(3);
		assertThat(envelope.get("executions").size()).isEqualTo(1);
		assertThat(json(this.mvc, api.get("/schedules/{id}/executions?status=failed", id), 200).size()).isEqualTo(3);
		assertThat(json(this.mvc, api.get("/schedules/{id}/executions?status=completed", id), 200).size()).isZero();
		this.mvc.perform(api.get("/schedules/{id}/executions?status=exploded", id))
			.andExpect(status().is4xxClientError());
		JsonNode schedule = json(this.mvc, api.get("/schedules/{id}", id), 200);
		assertThat(schedule.get("failed_executions").asInt()).isEqualTo(3);
	}

	@Test
	void executionsWhenScheduleUnknownOrOtherTenantThenNotFound() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, true, false);
		this.mvc.perform(api.get("/schedules/{id}/executions", java.util.UUID.randomUUID()))
			.andExpect(status().isNotFound());
		this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS).get("/schedules/{id}/executions", id))
			.andExpect(status().isNotFound());
		assertThat(json(this.mvc, api.get("/schedules/{id}/executions/", id), 200).size()).isZero();
	}

	@Test
	void triggerWhenOverTheHourlyLimitThenTooManyRequests() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = create(api, true, true);
		for (int i = 0; i < 100; i++) {
			this.mvc.perform(api.post("", "/schedules/{id}/trigger", id)).andExpect(status().isAccepted());
		}
		this.mvc.perform(api.post("", "/schedules/{id}/trigger", id))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"));
		this.polls.runUntilIdle(Duration.ofSeconds(60));
	}

	private String create(ApiCaller api, boolean active, boolean paused) throws Exception {
		return json(this.mvc, api.post("""
				{"name": "run me", "schedule_type": "cron", "cron_expression": "0 0 1 1 *", "agent_name": "developer",
				 "task_payload": {"task": "t"}, "is_active": %s, "is_paused": %s, "max_retries": 0}
				""".formatted(active, paused), "/schedules"), 201).get("id").asString();
	}

}
