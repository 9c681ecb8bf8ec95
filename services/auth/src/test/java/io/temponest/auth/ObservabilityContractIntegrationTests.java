package io.temponest.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MetricContract;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every metric that an alert rule ({@code docker/prometheus/rules}) or a Grafana panel
 * ({@code docker/grafana/dashboards}) of the auth service's contract queries is exported
 * by the running service ({@link MetricContract}): the generic files and
 * {@code auth.yml}/{@code auth.json}. {@code scheduler.yml} and {@code scheduler.json}
 * query the scheduler's own metrics; the scheduler's
 * {@code ObservabilityContractIntegrationTests} checks them. Also tests
 * {@link MetricContract}'s text reading against real YAML and JSON parsers, which this
 * module has and test-support has not.
 */
@AuthIntegrationTest
class ObservabilityContractIntegrationTests {

	private static final Path REPOSITORY = Path.of("../..");

	private static final Path DOCKER = REPOSITORY.resolve("docker");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	@Test
	void rulesAndDashboardsWhenScrapedThenEveryQueriedMetricIsExported() {
		MetricContract contract = MetricContract.forService(REPOSITORY, "auth");
		assertThat(contract.queries()).as("rule files and dashboards under %s", DOCKER.toAbsolutePath().normalize())
			.containsKeys("prometheus/rules/services.yml", "prometheus/rules/cache.yml", "prometheus/rules/auth.yml",
					"grafana/dashboards/auth.json", "grafana/dashboards/api.json",
					"grafana/dashboards/cache-ratelimit.json", "grafana/dashboards/database.json",
					"grafana/dashboards/system-health.json")
			.doesNotContainKeys("prometheus/rules/scheduler.yml", "grafana/dashboards/scheduler.json");
		contract.queries().forEach((file, expressions) -> assertThat(expressions).as(file).isNotEmpty());
		assertThat(contract.missingFrom(scrapeAfterTraffic())).as("metrics queried but not exported").isEmpty();
	}

	@Test
	void metricNamesWhenExpressionParsedThenOnlyMetricsRemain() {
		assertThat(MetricContract.metricNames("up{job=\"temponest\"} == 0")).containsExactly("up");
		assertThat(MetricContract.metricNames("""
				sum by (service) (rate(http_server_requests_seconds_count{status=~"5..", uri!="rate(x)"}[5m]))
				  / sum by (service) (rate(http_server_requests_seconds_count[5m])) > 0.01"""))
			.containsExactly("http_server_requests_seconds_count");
		assertThat(MetricContract.metricNames(
				"histogram_quantile(0.95, sum by (service, le) (rate(http_server_requests_seconds_bucket{service=~\"$service\"}[$__rate_interval])))"))
			.containsExactly("http_server_requests_seconds_bucket");
		assertThat(MetricContract
			.metricNames("sum(jvm_memory_used_bytes{area='heap'}) without (id) / on (service) group_left (pool) "
					+ "(jvm_memory_max_bytes > 0) offset 1h"))
			.containsExactly("jvm_memory_max_bytes", "jvm_memory_used_bytes");
		assertThat(MetricContract.metricNames("hikaricp_connections_active / ignoring(pool) hikaricp_connections_max"
				+ " and bool temponest_redis_degraded unless max_over_time(process_cpu_usage[1h:5m] @ end())"))
			.containsExactly("hikaricp_connections_active", "hikaricp_connections_max", "process_cpu_usage",
					"temponest_redis_degraded");
		assertThat(MetricContract
			.metricNames("topk(5, sum by (uri) (rate(http_server_requests_seconds_count[${__range}]))) * 1e3"
					+ " + Inf - NaN + 0x1F + count_values(\"v\", build_info)"))
			.containsExactly("build_info", "http_server_requests_seconds_count");
		assertThat(MetricContract.metricNames("{__name__=\"cache_gets_total\", result=\"hit\"}"))
			.containsExactly("cache_gets_total");
		assertThat(MetricContract.metricNames("vector(1)")).isEmpty();
	}

	@Test
	void missingFromWhenHistogramQueriedByItsBareNameThenReportedWithTheSeriesItHas() {
		MetricContract contract = MetricContract.of(Map.of("rules.yml",
				List.of("histogram_quantile(0.99, sum by (le) (rate(lag_seconds_bucket[5m]))) > max(lag_seconds)",
						"rate(runs_total[5m]) > 0 and up == 1 and absent_metric > 0")));
		String scrape = """
				# HELP lag_seconds Lag
				# TYPE lag_seconds histogram
				lag_seconds_bucket{le="1.0"} 0
				lag_seconds_bucket{le="+Inf"} 0
				lag_seconds_count 0
				lag_seconds_sum 0.0
				# TYPE lag_seconds_max gauge
				lag_seconds_max 0.0
				runs_total{status="completed"} 3.0
				""";
		assertThat(contract.missingFrom(scrape)).containsExactly(
				new MetricContract.Missing("absent_metric", Set.of("rules.yml"), Set.of()),
				new MetricContract.Missing("lag_seconds", Set.of("rules.yml"),
						Set.of("lag_seconds_bucket", "lag_seconds_count", "lag_seconds_max", "lag_seconds_sum")));
		assertThat(contract.missingFrom(scrape).get(1))
			.hasToString("lag_seconds (queried by rules.yml): the scrape has "
					+ "lag_seconds_bucket, lag_seconds_count, lag_seconds_max, lag_seconds_sum instead");
	}

	@Test
	void forServiceWhenAnotherServiceOwnsAFileThenOnlyItsOwnerChecksIt() {
		assertThat(MetricContract.forService(REPOSITORY, "scheduler").queries())
			.containsKeys("prometheus/rules/services.yml", "prometheus/rules/scheduler.yml",
					"grafana/dashboards/scheduler.json")
			.doesNotContainKeys("prometheus/rules/auth.yml", "grafana/dashboards/auth.json");
		assertThatIllegalArgumentException().isThrownBy(() -> MetricContract.forService(REPOSITORY, "nonexistent"));
	}

	@Test
	void ruleExpressionsWhenReadAsTextThenAsAYamlParserReadsThem() throws IOException {
		List<Path> files = list(DOCKER.resolve(MetricContract.RULES), ".yml");
		assertThat(files).isNotEmpty();
		for (Path file : files) {
			String yaml = Files.readString(file);
			assertThat(MetricContract.ruleExpressions(yaml)).as(file.toString())
				.isNotEmpty()
				.isEqualTo(yamlExpressions(yaml));
		}
		String tricky = """
				# expr: commented out
				groups:
				  - name: "g"
				    rules:
				      - alert: A
				        annotations:
				          description: |
				            Not a rule:
				            expr: hidden_in_a_block
				        expr: 'it''s_quoted{a="b"} > 0'
				      - expr: "escaped{a=\\"x\\"}\\n  / other_metric"
				        record: r
				      - record: folded
				        expr: >-
				          sum(folded_one)
				            + indented_more

				          / folded_two
				      - record: plain
				        expr: plain_one
				          + plain_two # a comment
				      - record: next_line
				        expr:
				          next_line_metric
				      - record: keep
				        expr: |+
				          kept_metric

				      - record: last
				        "expr": quoted_key_metric
				""";
		assertThat(MetricContract.ruleExpressions(tricky)).isEqualTo(yamlExpressions(tricky)).hasSize(7);
		// Flow-style mappings are not read: refused rather than silently skipped.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetricContract.ruleExpressions("rules:\n  - {record: r, expr: flow_metric}\n"))
			.withMessageContaining("line 2");
	}

	@Test
	void dashboardExpressionsWhenReadAsTextThenAsAJsonParserReadsThem() throws IOException {
		List<Path> files = list(DOCKER.resolve(MetricContract.DASHBOARDS), ".json");
		assertThat(files).isNotEmpty();
		for (Path file : files) {
			String json = Files.readString(file);
			assertThat(MetricContract.dashboardExpressions(json)).as(file.toString())
				.isNotEmpty()
				.isEqualTo(jsonExpressions(json));
		}
		String tricky = """
				{"title": "\\"expr\\": \\"not_this\\"", "expr" : "a{b=\\"c\\\\d\\"} \\u002F e\\n",
				 "panels": [{"targets": [{"refId": "expr", "expr": "second"}], "x": {"expr": 1}},
				 {"expr": {"expr": "nested"}}]}
				""";
		assertThat(MetricContract.dashboardExpressions(tricky)).isEqualTo(jsonExpressions(tricky))
			.containsExactly("a{b=\"c\\d\"} / e\n", "second", "nested");
	}

	private String scrapeAfterTraffic() {
		ApiCaller api = ApiCaller.anonymous();
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		String token = SignIn.accessToken(this.mvc, api, user.email(), Fixtures.PASSWORD);
		// Meters registered on first use: the login is a rate-limited request that reads
		// the user's role grants through the Redis cache; /auth/me verifies the token.
		assertThat(this.mvc.perform(api.bearer(token).get("/auth/me"))).hasStatus(HttpStatus.OK);
		MvcTestResult scrape = this.mvc.perform(api.get("/actuator/prometheus"));
		assertThat(scrape).hasStatus(HttpStatus.OK);
		String body = ApiCaller.body(scrape);
		assertThat(MetricContract.exportedNames(body)).contains("temponest_auth_logins_total", "cache_gets_total",
				"temponest_ratelimit_requests_total");
		return body;
	}

	/** The {@code expr} of every rule, read by SnakeYAML (lists, maps, flow style). */
	private static List<String> yamlExpressions(String yaml) {
		List<String> expressions = new ArrayList<>();
		collectYaml(new Yaml().load(yaml), expressions);
		return expressions;
	}

	private static void collectYaml(Object node, List<String> expressions) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("expr".equals(key) && value instanceof String expression) {
					expressions.add(expression);
				}
				else {
					collectYaml(value, expressions);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((element) -> collectYaml(element, expressions));
		}
	}

	/** The {@code "expr"} string members at any depth, read by Jackson. */
	private static List<String> jsonExpressions(String json) {
		List<String> expressions = new ArrayList<>();
		collectJson(JsonMapper.builder().build().readTree(json), expressions);
		return expressions;
	}

	private static void collectJson(JsonNode node, List<String> expressions) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (field.getKey().equals("expr") && field.getValue().isString()) {
					expressions.add(field.getValue().asString());
				}
				else {
					collectJson(field.getValue(), expressions);
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				collectJson(element, expressions);
			}
		}
	}

	private static List<Path> list(Path directory, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
	}

}
