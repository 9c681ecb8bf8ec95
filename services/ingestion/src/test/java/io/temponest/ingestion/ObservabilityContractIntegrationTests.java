package io.temponest.ingestion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MetricContract;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric that an alert rule ({@code docker/prometheus/rules}) or a Grafana panel
 * ({@code docker/grafana/dashboards}) of the ingestion service's contract queries is
 * exported by the running service ({@link MetricContract}).
 */
@IngestionIntegrationTest
class ObservabilityContractIntegrationTests {

	private static final Path REPOSITORY = Path.of("../..");

	@Autowired
	private MockMvcTester mvc;

	@Test
	void rulesAndDashboardsWhenScrapedThenEveryQueriedMetricIsExported() {
		MetricContract contract = MetricContract.forService(REPOSITORY, "ingestion");
		assertThat(contract.queries()).as("rule files and dashboards of the ingestion service")
			.containsKeys("prometheus/rules/ingestion.yml", "grafana/dashboards/ingestion.json")
			.doesNotContainKeys("prometheus/rules/auth.yml", "grafana/dashboards/agents.json");
		contract.queries().forEach((file, expressions) -> assertThat(expressions).as(file).isNotEmpty());
		assertThat(contract.missingFrom(scrapeAfterTraffic())).as("metrics queried but not exported").isEmpty();
	}

	/** Scrapes after a document was processed and queried twice (a miss, then a hit). */
	private String scrapeAfterTraffic() {
		KnowledgeApi api = new KnowledgeApi(this.mvc, ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS));
		String collection = api.createCollection("{\"name\":\"observed\"}");
		api.awaitReady(api.uploadText(collection, "observed.txt", "Metrics are scraped every fifteen seconds."));
		api.query(collection, "{\"query\":\"how often are metrics scraped\"}");
		api.query(collection, "{\"query\":\"how often are metrics scraped\"}");
		this.mvc.perform(ApiCaller.anonymous().get("/health"));
		MvcTestResult scrape = this.mvc.perform(ApiCaller.anonymous().get("/actuator/prometheus"));
		assertThat(scrape).hasStatusOk();
		String text = ApiCaller.body(scrape);
		Set<String> exported = MetricContract.exportedNames(text);
		assertThat(exported).contains("temponest_ingestion_queue_depth", "temponest_ingestion_documents",
				"temponest_ingestion_chunks_embedded_total", "temponest_ingestion_documents_processed_total",
				"temponest_knowledge_query_duration_seconds_bucket");
		assertThat(text).containsPattern(
				"(?m)^temponest_ingestion_documents_processed_total\\{[^}]*outcome=\"ready\"[^}]*} [1-9][0-9]*\\.0$");
		assertThat(text.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
		return text;
	}

}
