package io.temponest.agents;

import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MetricContract;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric that an alert rule ({@code docker/prometheus/rules}) or a Grafana panel
 * ({@code docker/grafana/dashboards}) of the agents service's contract queries is
 * exported by the running service ({@link MetricContract}): {@code agents.yml},
 * {@code agents.json}, and the generic files, which the service exports through the same
 * libraries as every service.
 */
@AgentsIntegrationTest
class ObservabilityContractIntegrationTests {

	private static final Path REPOSITORY = Path.of("../..");

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Test
	void rulesAndDashboardsWhenScrapedThenEveryQueriedMetricIsExported() {
		MetricContract contract = MetricContract.forService(REPOSITORY, "agents");
		assertThat(contract.queries()).as("rule files and dashboards of the agents service")
			.containsKeys("prometheus/rules/agents.yml", "grafana/dashboards/agents.json",
					"prometheus/rules/services.yml", "grafana/dashboards/api.json")
			.doesNotContainKeys("prometheus/rules/auth.yml", "grafana/dashboards/scheduler.json");
		contract.queries().forEach((file, expressions) -> assertThat(expressions).as(file).isNotEmpty());
		assertThat(contract.missingFrom(scrapeAfterRuns())).as("metrics queried but not exported").isEmpty();
	}

	/**
	 * Scrapes after the traffic that registers the meters created on first use: a role
	 * run retried once after a 429 (LLM timer and retries), its idempotent replay, a paid
	 * run on a model without a price of its own that crosses the tenant's budget (cost,
	 * unknown pricing, budget alert), a refused run, and {@code GET /health}.
	 */
	private String scrapeAfterRuns() {
		String marker = "m" + UUID.randomUUID().toString().replace("-", "");
		ProviderStubs stubs = ProviderStubs.onPrompt(marker);
		stubs.failureOnce(this.provider, ProviderStubs.OLLAMA_CHAT, 429, "0");
		stubs.ollamaAnswer(this.provider, "qwen2.5:0.5b", "{\"implementation\":\"x\"}", 10, 20);
		stubs.openAiAnswer(this.provider, "gpt-mystery", "Done.", 1000, 1000);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String run = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"" + marker + "\"}";
		assertThat(this.mvc.perform(caller.post(run, "/developer/run"))).hasStatusOk();
		assertThat(this.mvc.perform(caller.post(run, "/developer/run"))).hasStatusOk();
		assertThat(this.mvc
			.perform(caller.colleague("tenants:manage").post("{\"daily_limit_usd\":0.001}", "/costs/budget")))
			.hasStatusOk();
		String agent = ApiCaller
			.json(this.mvc
				.perform(caller.post("{\"name\":\"x\",\"provider\":\"openai\",\"model\":\"gpt-mystery\"}", "/agents")))
			.get("id")
			.asString();
		String message = "{\"user_message\":\"" + marker + "\"}";
		assertThat(this.mvc.perform(caller.post(message, "/agents/{id}/execute", agent))).hasStatusOk();
		assertThat(this.mvc.perform(caller.post(message, "/agents/{id}/execute", agent))).hasStatus(402);
		this.mvc.perform(ApiCaller.anonymous().get("/health"));
		MvcTestResult scrape = this.mvc.perform(ApiCaller.anonymous().get("/actuator/prometheus"));
		assertThat(scrape).hasStatusOk();
		String text = ApiCaller.body(scrape);
		Set<String> exported = MetricContract.exportedNames(text);
		assertThat(exported).contains("temponest_agent_executions_total", "temponest_llm_retries_total",
				"temponest_agent_idempotent_replays_total", "temponest_budget_alerts_total",
				"temponest_budget_refusals_total", "temponest_pricing_unknown_models_total");
		assertThat(text).containsPattern(
				"(?m)^temponest_agent_executions_total\\{[^}]*agent=\"developer\"[^}]*status=\"completed\"[^}]*} [1-9][0-9]*\\.0$");
		return text;
	}

}
