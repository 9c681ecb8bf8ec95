package io.temponest.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric an alert rule ({@code docker/prometheus/rules}) or a Grafana panel
 * ({@code docker/grafana/dashboards}) queries is exported by the running service.
 */
@AuthIntegrationTest
class ObservabilityContractIntegrationTests {

	private static final Path DOCKER = Path.of("../../docker");

	private static final Path RULES = DOCKER.resolve("prometheus/rules");

	private static final Path DASHBOARDS = DOCKER.resolve("grafana/dashboards");

	/**
	 * Files of services that do not exist yet; their own service's test checks them once
	 * it does.
	 */
	private static final Set<String> NOT_YET_DEPLOYED = Set.of("scheduler.yml", "scheduler.json");

	/** Synthetic series that Prometheus itself writes for every target. */
	private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

	/** A number or duration (skipped), or an identifier (group 1). */
	private static final Pattern TOKEN = Pattern
		.compile("(?:0[xX][0-9a-fA-F]+|[0-9][0-9a-zA-Z_.]*(?:[eE][+-]?[0-9]+)?)|([a-zA-Z_:][a-zA-Z0-9_:]*)");

	/** A selector by name: {@code {__name__="metric"}}. */
	private static final Pattern NAME_MATCHER = Pattern
		.compile("__name__\\s*=\\s*[\"'`]([a-zA-Z_:][a-zA-Z0-9_:]*)[\"'`]");

	/** PromQL words that are not metric names when not followed by {@code (}. */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	@Test
	void rulesAndDashboardsWhenScrapedThenEveryQueriedMetricIsExported() {
		Set<String> exported = scrapeAfterTraffic();
		Map<String, List<String>> queries = new TreeMap<>();
		files(RULES, ".yml").forEach((file) -> queries.put(label(file), ruleExpressions(file)));
		files(DASHBOARDS, ".json").forEach((file) -> queries.put(label(file), dashboardExpressions(file)));
		assertThat(queries).as("rule files and dashboards under %s", DOCKER.toAbsolutePath().normalize())
			.containsKeys("prometheus/rules/services.yml", "grafana/dashboards/auth.json");
		queries.forEach((file, expressions) -> assertThat(expressions).as(file).isNotEmpty());

		Map<String, Set<String>> missing = new TreeMap<>();
		queries.forEach((file, expressions) -> expressions.forEach((expression) -> {
			for (String metric : metricNames(expression)) {
				if (!SYNTHETIC.contains(metric) && !exported.contains(metric)) {
					missing.computeIfAbsent(metric, (name) -> new TreeSet<>()).add(file);
				}
			}
		}));
		assertThat(missing).as("metrics queried but not exported (metric -> files)").isEmpty();
	}

	@Test
	void metricNamesWhenExpressionParsedThenOnlyMetricsRemain() {
		assertThat(metricNames("up{job=\"temponest\"} == 0")).containsExactly("up");
		assertThat(metricNames("""
				sum by (service) (rate(http_server_requests_seconds_count{status=~"5..", uri!="rate(x)"}[5m]))
				  / sum by (service) (rate(http_server_requests_seconds_count[5m])) > 0.01"""))
			.containsExactly("http_server_requests_seconds_count");
		assertThat(metricNames(
				"histogram_quantile(0.95, sum by (service, le) (rate(http_server_requests_seconds_bucket{service=~\"$service\"}[$__rate_interval])))"))
			.containsExactly("http_server_requests_seconds_bucket");
		assertThat(metricNames("sum(jvm_memory_used_bytes{area='heap'}) without (id) / on (service) group_left (pool) "
				+ "(jvm_memory_max_bytes > 0) offset 1h"))
			.containsExactly("jvm_memory_max_bytes", "jvm_memory_used_bytes");
		assertThat(metricNames("hikaricp_connections_active / ignoring(pool) hikaricp_connections_max and bool"
				+ " temponest_redis_degraded unless max_over_time(process_cpu_usage[1h:5m] @ end())"))
			.containsExactly("hikaricp_connections_active", "hikaricp_connections_max", "process_cpu_usage",
					"temponest_redis_degraded");
		assertThat(metricNames("topk(5, sum by (uri) (rate(http_server_requests_seconds_count[${__range}]))) * 1e3"
				+ " + Inf - NaN + 0x1F + count_values(\"v\", build_info)"))
			.containsExactly("build_info", "http_server_requests_seconds_count");
		assertThat(metricNames("{__name__=\"cache_gets_total\", result=\"hit\"}")).containsExactly("cache_gets_total");
		assertThat(metricNames("vector(1)")).isEmpty();
	}

	private Set<String> scrapeAfterTraffic() {
		Api api = new Api(this.mvc);
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		String token = api.accessToken(user.email(), Fixtures.PASSWORD);
		// Meters registered on first use: the login is a rate-limited request that reads
		// the user's role grants through the Redis cache; /auth/me verifies the token.
		assertThat(api.get("/auth/me", token)).hasStatus(HttpStatus.OK);
		MvcTestResult scrape = api.get("/actuator/prometheus", null);
		assertThat(scrape).hasStatus(HttpStatus.OK);
		Set<String> names = new TreeSet<>();
		for (String line : Api.body(scrape).split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				names.add(line.split("[{ ]", 2)[0]);
			}
		}
		assertThat(names).contains("temponest_auth_logins_total", "cache_gets_total",
				"temponest_ratelimit_requests_total");
		return names;
	}

	/**
	 * The metric names a PromQL expression selects: identifiers that are not functions
	 * (followed by {@code (}), keywords, numbers, durations, label names (inside
	 * {@code {}} or grouping clauses), strings or Grafana variables.
	 * @param expression the PromQL expression
	 * @return the metric names, sorted
	 */
	static Set<String> metricNames(String expression) {
		Set<String> names = new TreeSet<>();
		Matcher byName = NAME_MATCHER.matcher(expression);
		while (byName.find()) {
			names.add(byName.group(1));
		}
		String text = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", "\"\"")
			.replaceAll("\\$\\{[^}]*}|\\$\\w+", "")
			.replaceAll("\\[[^\\]]*]", "")
			.replaceAll("\\{[^}]*}", "{}")
			.replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Matcher token = TOKEN.matcher(text);
		while (token.find()) {
			String identifier = token.group(1);
			if (identifier != null && !KEYWORDS.contains(identifier.toLowerCase(Locale.ROOT))
					&& !text.substring(token.end()).stripLeading().startsWith("(")) {
				names.add(identifier);
			}
		}
		return names;
	}

	private static List<Path> files(Path directory, String suffix) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(suffix))
				.filter((file) -> !NOT_YET_DEPLOYED.contains(file.getFileName().toString()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String label(Path file) {
		return DOCKER.relativize(file).toString().replace('\\', '/');
	}

	private static List<String> ruleExpressions(Path file) {
		List<String> expressions = new ArrayList<>();
		Object document = new Yaml().load(read(file));
		if (document instanceof Map<?, ?> root && root.get("groups") instanceof List<?> groups) {
			for (Object group : groups) {
				if (group instanceof Map<?, ?> groupMap && groupMap.get("rules") instanceof List<?> rules) {
					for (Object rule : rules) {
						if (rule instanceof Map<?, ?> ruleMap && ruleMap.get("expr") != null) {
							expressions.add(ruleMap.get("expr").toString());
						}
					}
				}
			}
		}
		return expressions;
	}

	private static List<String> dashboardExpressions(Path file) {
		List<String> expressions = new ArrayList<>();
		collectExpressions(JsonMapper.builder().build().readTree(read(file)), expressions);
		return expressions;
	}

	private static void collectExpressions(JsonNode node, List<String> expressions) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (field.getKey().equals("expr") && field.getValue().isString()) {
					expressions.add(field.getValue().asString());
				}
				else {
					collectExpressions(field.getValue(), expressions);
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				collectExpressions(element, expressions);
			}
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
