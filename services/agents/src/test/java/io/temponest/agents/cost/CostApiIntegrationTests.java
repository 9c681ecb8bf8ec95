package io.temponest.agents.cost;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The cost reports: each endpoint's answer, validation (422 problems), tenant isolation,
 * permissions and both path forms.
 */
@AgentsIntegrationTest
class CostApiIntegrationTests {

	private static final List<String> ADMIN = List.of("costs:read", "tenants:manage", "agents:read");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	CostLedger ledger;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	MutableClock clock;

	@Test
	void summaryWhenCostsRecordedThenTotalsByProviderModelAgentAndTokens() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "developer", "claude", "claude-sonnet-4-20250514", 1000, 500, "p1");
		record(caller, "developer", "openai", "gpt-4o", 2000, 1000, "p2");
		record(caller, "overseer", "ollama", "mistral:7b-instruct", 300, 200, null);
		String today = today().toString();
		JsonNode summary = ok(this.mvc.perform(caller.get("/costs/summary?start_date={d}&end_date={d}", today, today)));
		assertThat(summary.get("total_usd").asDouble()).isEqualTo(0.0255, offset(1e-9));
		assertThat(summary.get("by_provider").get("anthropic").asDouble()).isEqualTo(0.0105, offset(1e-9));
		assertThat(summary.get("by_provider").get("openai").asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(summary.get("by_provider").get("ollama").asDouble()).isZero();
		assertThat(summary.get("by_model").get("gpt-4o").asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(summary.get("by_agent").get("developer").asDouble()).isEqualTo(0.0255, offset(1e-9));
		assertThat(summary.get("by_agent").get("overseer").asDouble()).isZero();
		assertThat(summary.get("total_tokens").get("input").asLong()).isEqualTo(3300);
		assertThat(summary.get("total_tokens").get("output").asLong()).isEqualTo(1700);
		assertThat(Instant.parse(summary.get("period_start").asString())).isEqualTo(startOfToday());
		assertThat(Instant.parse(summary.get("period_end").asString()))
			.isEqualTo(startOfToday().plus(Duration.ofDays(1)));
		JsonNode filtered = ok(this.mvc.perform(caller.get("/costs/summary/?project_id=p2&agent_id=developer")));
		assertThat(filtered.get("total_usd").asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(filtered.get("by_provider").properties()).hasSize(1);
		assertThat(ok(this.mvc.perform(caller.get("/costs/summary?agent_id=qa_tester"))).get("total_usd").asDouble())
			.isZero();
		String yesterday = today().minusDays(1).toString();
		assertThat(
				ok(this.mvc.perform(caller.get("/costs/summary?end_date={d}", yesterday))).get("total_usd").asDouble())
			.isZero();
		JsonNode other = ok(this.mvc.perform(ApiCaller.newTenant(ADMIN).get("/costs/summary")));
		assertThat(other.get("total_usd").asDouble()).isZero();
		assertThat(other.get("by_agent").properties()).isEmpty();
		assertThat(other.get("total_tokens").get("input").asLong()).isZero();
	}

	@Test
	void summaryWhenDateTimesThenInstantBounds() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "developer", "openai", "gpt-4o", 2000, 1000, null);
		Instant now = this.clock.instant();
		JsonNode summary = ok(this.mvc.perform(caller.get("/costs/summary?start_date={s}&end_date={e}",
				now.minusSeconds(60).toString(), now.plusSeconds(60).toString().replace("Z", ""))));
		assertThat(summary.get("total_usd").asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(ok(this.mvc.perform(caller.get("/costs/summary?start_date={s}", now.plusSeconds(1).toString())))
			.get("total_usd")
			.asDouble()).isZero();
	}

	@Test
	void summaryWhenBadParametersThenUnprocessableProblems() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		assertProblem(this.mvc.perform(caller.get("/costs/summary?start_date=yesterday")), 422, "start_date");
		assertProblem(this.mvc.perform(caller.get("/costs/summary?end_date=2026-13-01")), 422, "end_date");
		assertProblem(this.mvc.perform(caller.get("/costs/summary?start_date=-5000-01-01T00:00:00")), 422,
				"start_date");
		assertProblem(this.mvc.perform(caller.get("/costs/summary?start_date=2026-02-02&end_date=2026-02-01")), 422,
				"start_date");
		// the platform names a constrained query parameter by its Java name (agent), so
		// no
		// field is asserted here
		assertProblem(this.mvc.perform(caller.get("/costs/summary?agent_id={a}", "a".repeat(256))), 422, null);
	}

	@Test
	void endpointsWhenUnauthenticatedOrWithoutPermissionThenRefused() {
		assertThat(this.mvc.get().uri("/costs/summary").exchange()).hasStatus(401);
		ApiCaller noCosts = ApiCaller.newTenant(ADMIN).colleague("agents:read");
		for (String path : List.of("/costs/summary", "/costs/daily", "/costs/hourly", "/costs/forecast",
				"/costs/by-agent", "/costs/by-provider", "/costs/by-model",
				"/costs/export?start_date=2026-01-01&end_date=2026-01-02", "/costs/budget", "/costs/budget/status")) {
			assertThat(this.mvc.perform(noCosts.get(path))).as(path).hasStatus(403);
		}
		ApiCaller reader = ApiCaller.newTenant(ADMIN).colleague("costs:read");
		assertProblem(this.mvc.perform(reader.post("{\"daily_limit_usd\": 5}", "/costs/budget")), 403, null);
	}

	@Test
	void dailyWhenCostsTodayThenEveryDayOfTheWindowOldestFirst() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "developer", "openai", "gpt-4o", 2000, 1000, null);
		JsonNode daily = ok(this.mvc.perform(caller.get("/costs/daily?days=3")));
		LocalDate today = today();
		assertThat(names(daily)).containsExactly(today.minusDays(2).toString(), today.minusDays(1).toString(),
				today.toString());
		assertThat(daily.get(today.toString()).asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(daily.get(today.minusDays(1).toString()).asDouble()).isZero();
		assertThat(ok(this.mvc.perform(caller.get("/costs/daily/"))).properties()).hasSize(30);
		assertThat(ok(this.mvc.perform(ApiCaller.newTenant(ADMIN).get("/costs/daily?days=1"))).get(today.toString())
			.asDouble()).isZero();
		assertProblem(this.mvc.perform(caller.get("/costs/daily?days=0")), 422, "days");
		assertProblem(this.mvc.perform(caller.get("/costs/daily?days=367")), 422, "days");
		assertProblem(this.mvc.perform(caller.get("/costs/daily?days=many")), 422, "days");
	}

	@Test
	void hourlyWhenCostsThisHourThenEveryHourOfTheWindow() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "developer", "openai", "gpt-4o", 2000, 1000, null);
		JsonNode hourly = ok(this.mvc.perform(caller.get("/costs/hourly?hours=2")));
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		assertThat(names(hourly)).containsExactly(hour.minus(Duration.ofHours(1)).toString(), hour.toString());
		assertThat(hourly.get(hour.toString()).asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(ok(this.mvc.perform(caller.get("/costs/hourly/"))).properties()).hasSize(24);
		assertProblem(this.mvc.perform(caller.get("/costs/hourly?hours=0")), 422, "hours");
		assertProblem(this.mvc.perform(caller.get("/costs/hourly?hours=721")), 422, "hours");
	}

	@Test
	void forecastWhenCostsInTheLastWeekThenTheirDailyAverageForEachNextDay() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "developer", "anthropic", "claude-opus-4-20250514", 10_000, 10_000, null);
		JsonNode sameDay = ok(this.mvc.perform(caller.get("/costs/forecast")));
		assertThat(sameDay.properties()).hasSize(7);
		assertThat(sameDay.get(today().plusDays(1).toString()).asDouble()).isZero();
		advanceToNextDay();
		JsonNode forecast = ok(this.mvc.perform(caller.get("/costs/forecast/?days=3")));
		LocalDate today = today();
		assertThat(names(forecast)).containsExactly(today.plusDays(1).toString(), today.plusDays(2).toString(),
				today.plusDays(3).toString());
		// 0.15 + 0.75 = 0.90 over 7 days
		assertThat(forecast.get(today.plusDays(2).toString()).asDouble()).isEqualTo(0.128571, offset(1e-9));
		assertProblem(this.mvc.perform(caller.get("/costs/forecast?days=0")), 422, "days");
		assertProblem(this.mvc.perform(caller.get("/costs/forecast?days=91")), 422, "days");
	}

	@Test
	void breakdownsWhenCostsThenPerKeyHighestFirstAndTopN() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "developer", "openai", "gpt-4o", 2000, 1000, null);
		record(caller, "overseer", "anthropic", "claude-sonnet-4-20250514", 1000, 500, null);
		record(caller, "qa_tester", "anthropic", "claude-haiku-4-20250514", 10000, 5000, null);
		JsonNode agents = ok(this.mvc.perform(caller.get("/costs/by-agent")));
		assertThat(names(agents)).containsExactly("developer", "overseer", "qa_tester");
		assertThat(names(ok(this.mvc.perform(caller.get("/costs/by-agent/?top_n=1"))))).containsExactly("developer");
		JsonNode providers = ok(this.mvc.perform(caller.get("/costs/by-provider")));
		assertThat(names(providers)).containsExactly("anthropic", "openai");
		assertThat(providers.get("anthropic").asDouble()).isEqualTo(0.01925, offset(1e-9));
		JsonNode models = ok(this.mvc.perform(caller.get("/costs/by-model/?start_date={d}", today().toString())));
		assertThat(names(models)).containsExactly("gpt-4o", "claude-sonnet-4-20250514", "claude-haiku-4-20250514");
		assertThat(ok(this.mvc.perform(caller.get("/costs/by-provider/?end_date={d}", today().minusDays(1).toString())))
			.properties()).isEmpty();
		assertThat(ok(this.mvc.perform(ApiCaller.newTenant(ADMIN).get("/costs/by-model"))).properties()).isEmpty();
		assertProblem(this.mvc.perform(caller.get("/costs/by-agent?top_n=0")), 422, null);
		assertProblem(this.mvc.perform(caller.get("/costs/by-agent?top_n=101")), 422, null);
		assertProblem(this.mvc.perform(caller.get("/costs/by-agent?top_n=ten")), 422, "top_n");
		assertProblem(this.mvc.perform(caller.get("/costs/by-model?start_date=x")), 422, "start_date");
	}

	@Test
	void exportWhenCostsThenCsvWithHeaderAndEscapedText() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "=HYPERLINK(\"x\")", "openai", "gpt-4o", 2000, 1000, "a,b");
		String day = today().toString();
		MvcTestResult result = this.mvc
			.perform(caller.get("/costs/export?start_date={d}&end_date={d}&format=csv", day, day));
		assertThat(result).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
		String[] lines = result.getResponse().getContentAsString().split("\r\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).isEqualTo(CsvExport.HEADER);
		assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"x\"\")\",")
			.contains(",\"a,b\",")
			.contains(",openai,gpt-4o,2000,1000,3000,0.005000,0.010000,0.015000,100,completed");
		MvcTestResult empty = this.mvc
			.perform(ApiCaller.newTenant(ADMIN).get("/costs/export/?start_date={d}&end_date={d}", day, day));
		assertThat(empty).hasStatusOk();
		assertThat(empty.getResponse().getContentAsString()).isEqualTo(CsvExport.HEADER + "\r\n");
		assertProblem(this.mvc.perform(caller.get("/costs/export?start_date={d}", day)), 422, "end_date");
		assertProblem(this.mvc.perform(caller.get("/costs/export?start_date={d}&end_date={d}&format=xlsx", day, day)),
				422, "format");
	}

	@Test
	void budgetWhenSetThenReadBackClearedAndValidated() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		JsonNode initial = ok(this.mvc.perform(caller.get("/costs/budget")));
		assertThat(initial.get("daily_limit_usd").isNull()).isTrue();
		assertThat(initial.get("monthly_limit_usd").isNull()).isTrue();
		assertThat(initial.get("alert_threshold").asDouble()).isEqualTo(0.8);
		JsonNode set = body(this.mvc
			.perform(caller.post("{\"daily_limit_usd\": 10.5, \"monthly_limit_usd\": 200, \"alert_threshold\": 0.75}",
					"/costs/budget/")),
				200);
		assertThat(set.get("daily_limit_usd").asDouble()).isEqualTo(10.5);
		assertThat(set.get("monthly_limit_usd").asDouble()).isEqualTo(200.0);
		assertThat(set.get("alert_threshold").asDouble()).isEqualTo(0.75);
		assertThat(ok(this.mvc.perform(caller.get("/costs/budget/")))).isEqualTo(set);
		assertThat(
				ok(this.mvc.perform(ApiCaller.newTenant(ADMIN).get("/costs/budget"))).get("daily_limit_usd").isNull())
			.isTrue();
		JsonNode cleared = body(this.mvc
			.perform(caller.post("{\"daily_limit_usd\": null, \"monthly_limit_usd\": 150}", "/costs/budget")), 200);
		assertThat(cleared.get("daily_limit_usd").isNull()).isTrue();
		assertThat(cleared.get("monthly_limit_usd").asDouble()).isEqualTo(150.0);
		assertThat(cleared.get("alert_threshold").asDouble()).isEqualTo(0.8);
		assertProblem(this.mvc.perform(caller.post("{\"alert_threshold\": 1.5}", "/costs/budget")), 422,
				"alert_threshold");
		assertProblem(this.mvc.perform(caller.post("{\"daily_limit_usd\": 0}", "/costs/budget")), 422,
				"daily_limit_usd");
		assertProblem(this.mvc.perform(caller.post("{\"monthly_limit_usd\": -3}", "/costs/budget")), 422,
				"monthly_limit_usd");
		assertProblem(this.mvc.perform(caller.post("{\"daily_limit_usd\": \"lots\"}", "/costs/budget")), 422,
				"daily_limit_usd");
		assertProblem(this.mvc.perform(caller.post("{\"daily_limit_usd\": 1e12}", "/costs/budget")), 422,
				"daily_limit_usd");
		assertThat(ok(this.mvc.perform(caller.get("/costs/budget"))).get("monthly_limit_usd").asDouble())
			.isEqualTo(150.0);
	}

	@Test
	void budgetStatusWhenLimitsSetThenUsagePercentagesAndAlerts() {
		ApiCaller caller = ApiCaller.newTenant(ADMIN);
		record(caller, "developer", "openai", "gpt-4o", 2000, 1000, null);
		JsonNode noLimits = ok(this.mvc.perform(caller.get("/costs/budget/status")));
		assertThat(noLimits.get("daily_usage").asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(noLimits.get("monthly_usage").asDouble()).isEqualTo(0.015, offset(1e-9));
		assertThat(noLimits.has("daily_limit")).isFalse();
		assertThat(noLimits.has("daily_percentage")).isFalse();
		assertThat(noLimits.has("monthly_limit")).isFalse();
		assertThat(noLimits.get("alerts_triggered").isEmpty()).isTrue();
		this.mvc.perform(caller.post("{\"daily_limit_usd\": 0.02, \"alert_threshold\": 0.5}", "/costs/budget"));
		record(caller, "developer", "openai", "gpt-4o", 2000, 1000, null);
		JsonNode status = ok(this.mvc.perform(caller.get("/costs/budget/status/")));
		assertThat(status.get("daily_usage").asDouble()).isEqualTo(0.03, offset(1e-9));
		assertThat(status.get("daily_limit").asDouble()).isEqualTo(0.02);
		assertThat(status.get("daily_percentage").asDouble()).isEqualTo(1.5);
		assertThat(status.has("monthly_limit")).isFalse();
		assertThat(status.get("monthly_usage").asDouble()).isEqualTo(0.03, offset(1e-9));
		assertThat(status.get("alerts_triggered")).singleElement().satisfies((alert) -> {
			assertThat(alert.get("budget_type").asString()).isEqualTo("daily");
			assertThat(alert.get("alert_type").asString()).isEqualTo("exceeded");
			assertThat(alert.get("threshold_pct").asInt()).isEqualTo(150);
		});
		JsonNode other = ok(this.mvc.perform(ApiCaller.newTenant(ADMIN).get("/costs/budget/status")));
		assertThat(other.get("daily_usage").asDouble()).isZero();
		assertThat(other.get("alerts_triggered").isEmpty()).isTrue();
	}

	private void record(ApiCaller caller, String agent, String provider, String model, int input, int output,
			String project) {
		CostEntry entry = new CostEntry(UUID.randomUUID().toString(), agent, caller.tenantId(), caller.userId(),
				project, null, provider, model, input, output, 100, CostStatus.COMPLETED, Map.of());
		this.transactions.run(caller.tenantId(), () -> this.ledger.record(entry));
	}

	private void advanceToNextDay() {
		Instant now = this.clock.instant();
		this.clock.advance(Duration.between(now, BudgetPeriod.DAILY.end(now)).plusMinutes(1));
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private Instant startOfToday() {
		return BudgetPeriod.DAILY.start(this.clock.instant());
	}

	private static JsonNode ok(MvcTestResult result) {
		return body(result, 200);
	}

	private static JsonNode body(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return ApiCaller.json(result);
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

	private static void assertProblem(MvcTestResult result, int status, String field) {
		JsonNode problem = body(result, status);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		if (field != null) {
			assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
		}
	}

}
