package io.temponest.workers;

import java.time.Duration;

import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

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

	private String scrape() throws Exception {
		this.mvc.perform(MockMvcRequestBuilders.get("/metrics")).andExpect(status().isOk());
		return this.mvc.perform(MockMvcRequestBuilders.get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
