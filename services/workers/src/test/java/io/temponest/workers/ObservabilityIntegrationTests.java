package io.temponest.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MetricContract;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Health reports Temporal (frontend answering, worker polling) and readiness includes it;
 * the scrape ({@code /actuator/prometheus} and the original's {@code /metrics}) carries
 * the pipelines-by-state gauge and the Temporal SDK's worker metrics.
 */
@WorkersIntegrationTest
class ObservabilityIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void healthWhenTemporalAnswersThenTemporalUpInHealthAndReadiness() throws Exception {
		this.mvc.perform(MockMvcRequestBuilders.get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.temporal.status").value("UP"));
		this.mvc.perform(MockMvcRequestBuilders.get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.temporal.status").value("UP"));
	}

	@Test
	void scrapeWhenPipelinesExistThenGaugeByStateAndTemporalWorkerMetrics() throws Exception {
		new PipelineSteps(this.mvc, null).start(ApiCaller.newTenant(TestEnvironment.DEVELOPER), "metrics", 201);
		// the SDK reports its meters every second
		String scrape = await().atMost(Duration.ofSeconds(20))
			.until(this::scrape, (text) -> text.contains("temporal_"));
		assertThat(scrape).containsPattern("(?m)^temponest_pipelines\\{state=\"running\"} [1-9][0-9]*\\.0$")
			.contains("temponest_pipelines{state=\"completed\"}")
			.containsPattern("(?m)^temporal_[a-z_]+");
	}

	@Test
	void rulesAndDashboardWhenScrapedThenEveryQueriedMetricIsExported() throws Exception {
		Map<String, List<String>> own = new TreeMap<>(MetricContract.forService(Path.of("../.."), "workers").queries());
		own.keySet().retainAll(Set.of("prometheus/rules/workers.yml", "grafana/dashboards/workers.json"));
		assertThat(own).hasSize(2);
		MetricContract contract = MetricContract.of(own);
		// a failed call (the overseer refuses this pipeline's goal) registers the failure
		// counter; the SDK registers an activity's meters when it first runs one and
		// reports them every second
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String key = "contract-" + api.tenantId();
		TestEnvironment.agents()
			.stubFor(post(urlEqualTo("/overseer/run")).atPriority(1)
				.withRequestBody(matchingJsonPath("$.idempotency_key", equalTo(key + "-overseer")))
				.willReturn(aResponse().withStatus(422)
					.withHeader("Content-Type", "application/problem+json")
					.withBody("{\"detail\": \"goal: too vague\"}")));
		new PipelineSteps(this.mvc, null).start(api, key, 201);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(contract.missingFrom(scrape())).as("metrics queried but not exported").isEmpty());
	}

	private String scrape() throws Exception {
		this.mvc.perform(MockMvcRequestBuilders.get("/metrics")).andExpect(status().isOk());
		return this.mvc.perform(MockMvcRequestBuilders.get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
