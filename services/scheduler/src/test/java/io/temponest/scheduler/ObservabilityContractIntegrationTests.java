package io.temponest.scheduler;

import java.nio.file.Path;
import java.util.Set;

import io.temponest.scheduler.dispatch.Polls;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MetricContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every metric that an alert rule ({@code docker/prometheus/rules}) or a Grafana panel
 * ({@code docker/grafana/dashboards}) of the scheduler's contract queries is exported by
 * the running service ({@link MetricContract}): {@code scheduler.yml},
 * {@code scheduler.json}, and the generic files (HTTP, JVM, HikariCP, Redis caches and
 * rate limits), which the scheduler exports through the same libraries as every service.
 */
@SchedulerIntegrationTest
class ObservabilityContractIntegrationTests {

	private static final Path REPOSITORY = Path.of("../..");

	@Autowired
	MockMvc mvc;

	@Autowired
	Polls polls;

	@Test
	void rulesAndDashboardsWhenScrapedThenEveryQueriedMetricIsExported() throws Exception {
		MetricContract contract = MetricContract.forService(REPOSITORY, "scheduler");
		assertThat(contract.queries()).as("rule files and dashboards of the scheduler")
			.containsKeys("prometheus/rules/scheduler.yml", "grafana/dashboards/scheduler.json",
					"prometheus/rules/services.yml", "prometheus/rules/cache.yml", "grafana/dashboards/api.json",
					"grafana/dashboards/cache-ratelimit.json", "grafana/dashboards/database.json",
					"grafana/dashboards/system-health.json")
			.doesNotContainKeys("prometheus/rules/auth.yml", "grafana/dashboards/auth.json");
		contract.queries().forEach((file, expressions) -> assertThat(expressions).as(file).isNotEmpty());
		assertThat(contract.missingFrom(scrapeAfterARun())).as("metrics queried but not exported").isEmpty();
	}

	/**
	 * Scrapes after the traffic that registers the meters created on first use: a
	 * schedule created (a rate-limited route), triggered and run to completion (agent
	 * call counter and timer, runs by status), and {@code GET /health} (the Redis-backed
	 * health cache). The schedule is paused, so other tests' clock moves never run it.
	 */
	private String scrapeAfterARun() throws Exception {
		AgentStubs.completing();
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = json(this.mvc, api.post("""
				{"name": "metrics", "schedule_type": "cron", "cron_expression": "0 0 1 1 *",
				 "agent_name": "developer", "task_payload": {"task": "t"}, "max_retries": 0, "is_paused": true}
				""", "/schedules"), 201).get("id").asString();
		json(this.mvc, api.post("", "/schedules/{id}/trigger", id), 202);
		this.polls.runUntilIdle();
		JsonNode executions = json(this.mvc, api.get("/schedules/{id}/executions", id), 200);
		assertThat(executions.get(0).get("status").asString()).isEqualTo("completed");
		// Whatever it answers (the WireMock agents service has no health endpoint), it
		// reads the cache.
		this.mvc.perform(MockMvcRequestBuilders.get("/health"));
		String scrape = this.mvc.perform(MockMvcRequestBuilders.get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Set<String> exported = MetricContract.exportedNames(scrape);
		assertThat(exported).contains("temponest_agent_calls_total", "temponest_agent_call_duration_seconds_count",
				"temponest_schedule_lag_seconds_bucket", "cache_gets_total", "temponest_ratelimit_requests_total");
		assertThat(scrape)
			.containsPattern("(?m)^temponest_agent_calls_total\\{[^}]*outcome=\"success\"[^}]*} [1-9][0-9]*\\.0$");
		return scrape;
	}

}
