package io.temponest.approval;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.temponest.approval.request.ExpirySweeper;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MetricContract;
import io.temponest.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus scrape ({@code /metrics}, served from {@code /actuator/prometheus})
 * exports the approval meters (requests by state, decisions, wait time, undelivered
 * signals); {@code GET /health} and the actuator's health show Temporal as a component
 * whose absence never makes the service unhealthy.
 */
@ApprovalIntegrationTest
class ObservabilityIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ExpirySweeper sweeper;

	@LocalServerPort
	int port;

	@Test
	void metricsWhenScrapedAfterDecisionsThenApprovalMetersExported() throws Exception {
		ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = Fixtures.create(this.mvc, requester, "low");
		json(this.mvc, requester.colleague("approvals:approve").post("{}", "/api/approvals/{id}/approve", id), 200);
		Fixtures.create(this.mvc, requester, "low");
		this.sweeper.sweep();
		String scrape = this.mvc.perform(MockMvcRequestBuilders.get("/actuator/prometheus"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(scrape).containsPattern("(?m)^temponest_approvals\\{[^}]*status=\"pending\"[^}]*} [1-9][0-9]*\\.0$")
			.containsPattern("(?m)^temponest_approvals\\{[^}]*status=\"approved\"[^}]*} [1-9][0-9]*\\.0$")
			.containsPattern(
					"(?m)^temponest_approval_decisions_total\\{[^}]*decision=\"approved\"[^}]*} [1-9][0-9]*\\.0$")
			.containsPattern("(?m)^temponest_approval_wait_seconds_count\\{[^}]*outcome=\"approved\"[^}]*} [1-9]")
			.contains("temponest_approval_signals_undelivered");
		Map<String, List<String>> own = new TreeMap<>(
				MetricContract.forService(Path.of("../.."), "approval").queries());
		own.keySet().retainAll(Set.of("prometheus/rules/approval.yml", "grafana/dashboards/approval.json"));
		assertThat(own).hasSize(2);
		assertThat(MetricContract.of(own).missingFrom(scrape)).as("metrics queried but not exported").isEmpty();
		for (String path : new String[] { "/metrics", "/metrics/" }) {
			HttpResponse<String> alias = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(alias.statusCode()).as(path).isEqualTo(200);
			assertThat(alias.body()).as(path).contains("temponest_approval_decisions_total");
		}
	}

	@Test
	void healthWhenTemporalUnreachableThenStillHealthyWithTemporalDisconnected() throws Exception {
		JsonNode health = json(this.mvc, MockMvcRequestBuilders.get("/health"), 200);
		assertThat(health.get("status").asString()).isEqualTo("healthy");
		assertThat(health.get("service").asString()).isEqualTo("approval");
		assertThat(health.get("database").asString()).isEqualTo("connected");
		TcpProxy proxy = TestEnvironment.temporalProxy();
		proxy.cut();
		try {
			JsonNode actuator = json(this.mvc, MockMvcRequestBuilders.get("/actuator/health"), 200);
			assertThat(actuator.get("status").asString()).isEqualTo("UP");
			JsonNode readiness = json(this.mvc, MockMvcRequestBuilders.get("/actuator/health/readiness"), 200);
			assertThat(readiness.get("status").asString()).isEqualTo("UP");
		}
		finally {
			proxy.restore();
		}
	}

}
