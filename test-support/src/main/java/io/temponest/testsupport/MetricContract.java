package io.temponest.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The metric contract between a service and the observability configuration under
 * {@code docker/}: every metric that an alert rule
 * ({@code docker/prometheus/rules/*.yml}) or a Grafana panel
 * ({@code docker/grafana/dashboards/*.json}) queries must be exported by the service's
 * {@code /actuator/prometheus}.
 * <p>
 * Files are assigned to services by name: a file named after a service module (a
 * directory under {@code services/}, such as {@code auth.yml} or {@code scheduler.json})
 * belongs to that service alone; every other file ({@code services.yml},
 * {@code cache.yml}, {@code api.json}, ...) is generic and applies to every service. A
 * service's contract is its own files plus the generic ones.
 * <p>
 * Rule files and dashboards are read as text, not with a YAML or JSON library (this
 * module has neither): the {@code expr} values of the YAML (plain, quoted and block
 * scalars) and the {@code "expr"} string members of the JSON. Metric names are taken from
 * the PromQL by a tokenizer ({@link #metricNames(String)}) and compared, exactly, with
 * the sample names of a scrape: a histogram or timer is exported only as {@code _bucket},
 * {@code _count}, {@code _sum} (and Micrometer's {@code _max}) series, so a query of its
 * bare name is reported, with the series the scrape has instead.
 */
@NullMarked
public final class MetricContract {

	/** Rule files, relative to {@code docker/}. */
	public static final String RULES = "prometheus/rules";

	/** Dashboards, relative to {@code docker/}. */
	public static final String DASHBOARDS = "grafana/dashboards";

	/** Synthetic series that Prometheus itself writes for every target. */
	private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
			"scrape_samples_post_metric_relabeling", "scrape_series_added");

	/** Suffixes of the series of one Prometheus family (histogram, summary, counter). */
	private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max", "_total",
			"_created");

	/** A number or duration (skipped), or an identifier (group 1). */
	private static final Pattern TOKEN = Pattern
		.compile("(?:0[xX][0-9a-fA-F]+|[0-9][0-9a-zA-Z_.]*(?:[eE][+-]?[0-9]+)?)|([a-zA-Z_:][a-zA-Z0-9_:]*)");

	/** A selector by name: {@code {__name__="metric"}}. */
	private static final Pattern NAME_MATCHER = Pattern
		.compile("__name__\\s*=\\s*[\"'`]([a-zA-Z_:][a-zA-Z0-9_:]*)[\"'`]");

	/** PromQL words that are not metric names when not followed by {@code (}. */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");

	/**
	 * A YAML line that starts a mapping entry, possibly as a sequence item: indentation
	 * (1), the item's dash (2), the key (3) and what follows the colon (4).
	 */
	private static final Pattern YAML_KEY = Pattern
		.compile("^( *)(- +)?([A-Za-z_][A-Za-z0-9_.-]*|\"[^\"]*\"|'[^']*') *:(?:[ \\t]+(.*))?$");

	/** An {@code expr} key inside a flow-style mapping. */
	private static final Pattern FLOW_EXPR = Pattern.compile("[{,]\\s*[\"']?expr[\"']?\\s*:");

	/** A block scalar header: indicator (1) and chomping (2). */
	private static final Pattern BLOCK_HEADER = Pattern.compile("^([|>])([+-]?)[1-9]?([+-]?)\\s*(?:#.*)?$");

	private final Map<String, List<String>> queries;

	private MetricContract(Map<String, List<String>> queries) {
		this.queries = Collections.unmodifiableMap(queries);
	}

	/**
	 * The contract of one service: the PromQL of its own rule files and dashboards and of
	 * the generic ones.
	 * @param repositoryRoot the repository's root directory (with {@code services/} and
	 * {@code docker/})
	 * @param service the service's module directory under {@code services/}, e.g.
	 * {@code auth}
	 * @return the contract
	 * @throws IllegalArgumentException when the service is not a module under
	 * {@code services/}
	 */
	public static MetricContract forService(Path repositoryRoot, String service) {
		Set<String> modules = serviceModules(repositoryRoot.resolve("services"));
		if (!modules.contains(service)) {
			throw new IllegalArgumentException(
					"No service module '" + service + "' under " + repositoryRoot.resolve("services") + ": " + modules);
		}
		Path docker = repositoryRoot.resolve("docker");
		Map<String, List<String>> queries = new TreeMap<>();
		for (Path file : files(docker.resolve(RULES), ".yml")) {
			if (appliesTo(file, service, modules)) {
				queries.put(label(docker, file), ruleExpressions(read(file)));
			}
		}
		for (Path file : files(docker.resolve(DASHBOARDS), ".json")) {
			if (appliesTo(file, service, modules)) {
				queries.put(label(docker, file), dashboardExpressions(read(file)));
			}
		}
		return new MetricContract(queries);
	}

	/**
	 * A contract of given expressions, for tests of the contract itself.
	 * @param queries PromQL expressions by the name of the file they come from
	 * @return the contract
	 */
	public static MetricContract of(Map<String, List<String>> queries) {
		Map<String, List<String>> copy = new TreeMap<>();
		queries.forEach((file, expressions) -> copy.put(file, List.copyOf(expressions)));
		return new MetricContract(copy);
	}

	/**
	 * The PromQL expressions of each file of the contract.
	 * @return expressions by file, the file relative to {@code docker/} (e.g.
	 * {@code prometheus/rules/services.yml}), sorted by file
	 */
	public Map<String, List<String>> queries() {
		return this.queries;
	}

	/**
	 * The metrics the contract's files query that a scrape does not export (series that
	 * Prometheus writes itself, such as {@code up}, are never missing).
	 * @param scrape the body of {@code /actuator/prometheus} (Prometheus text format)
	 * @return the missing metrics, sorted by name; empty when the contract holds
	 */
	public List<Missing> missingFrom(String scrape) {
		Set<String> exported = exportedNames(scrape);
		Map<String, Set<String>> filesByMetric = new TreeMap<>();
		this.queries.forEach((file, expressions) -> expressions.forEach((expression) -> {
			for (String metric : metricNames(expression)) {
				if (!SYNTHETIC.contains(metric) && !exported.contains(metric)) {
					filesByMetric.computeIfAbsent(metric, (name) -> new TreeSet<>()).add(file);
				}
			}
		}));
		return filesByMetric.entrySet()
			.stream()
			.map((entry) -> new Missing(entry.getKey(), entry.getValue(), seriesOfFamily(entry.getKey(), exported)))
			.toList();
	}

	/**
	 * The names of the series of a scrape: the sample lines' metric names, suffixes
	 * ({@code _bucket}, {@code _count}, {@code _sum}, {@code _total}, ...) included.
	 * @param scrape a scrape in the Prometheus text format
	 * @return the names, sorted
	 */
	public static Set<String> exportedNames(String scrape) {
		Set<String> names = new TreeSet<>();
		scrape.lines().map(String::strip).filter((line) -> !line.isEmpty() && !line.startsWith("#")).forEach((line) -> {
			names.add(line.split("[{ \\t]", 2)[0]);
		});
		return names;
	}

	/**
	 * The metric names a PromQL expression selects: identifiers that are not functions
	 * (followed by {@code (}), keywords, numbers, durations, label names (inside
	 * {@code {}} or grouping clauses), strings or Grafana variables.
	 * @param expression the PromQL expression
	 * @return the metric names, sorted
	 */
	public static Set<String> metricNames(String expression) {
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

	/**
	 * The {@code expr} values of a Prometheus rule file, in document order. Reads the
	 * YAML as text: every mapping entry with the key {@code expr} whose value is a plain,
	 * single- or double-quoted, literal ({@code |}) or folded ({@code >}) scalar. Text
	 * inside other keys' scalars (a {@code description: |} block, say) is skipped.
	 * Flow-style mappings ({@code {expr: ...}}) are not read.
	 * @param yaml the rule file
	 * @return the expressions
	 * @throws IllegalArgumentException when a flow-style mapping has an {@code expr}
	 */
	public static List<String> ruleExpressions(String yaml) {
		List<String> lines = yaml.lines().toList();
		List<String> expressions = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			Matcher entry = YAML_KEY.matcher(lines.get(i));
			if (!entry.matches() || isFlowCollection(entry.group(4))) {
				if (FLOW_EXPR.matcher(lines.get(i)).find()) {
					throw new IllegalArgumentException("Flow-style mapping with an expr at line " + (i + 1)
							+ " (not read as text): write it in block style");
				}
				i++;
				continue;
			}
			int keyIndent = entry.group(1).length() + ((entry.group(2) != null) ? entry.group(2).length() : 0);
			String value = (entry.group(4) != null) ? entry.group(4).strip() : "";
			boolean expr = unquote(entry.group(3)).equals("expr");
			int start = i + 1;
			if ((value.isEmpty() || value.startsWith("#")) && expr) {
				// The scalar may start on the next line.
				while (start < lines.size() && lines.get(start).isBlank()) {
					start++;
				}
				if (start < lines.size() && indent(lines.get(start)) > keyIndent) {
					value = lines.get(start).strip();
					start++;
				}
			}
			int end = start;
			if (!value.isEmpty() && !value.startsWith("#")) {
				// A scalar: its continuation lines are indented deeper.
				while (end < lines.size() && (lines.get(end).isBlank() || indent(lines.get(end)) > keyIndent)) {
					end++;
				}
				if (expr) {
					expressions.add(scalar(value, lines.subList(start, end)));
				}
			}
			i = Math.max(end, i + 1);
		}
		return List.copyOf(expressions);
	}

	/**
	 * The {@code "expr"} string members of a Grafana dashboard, in document order, at any
	 * depth (panel targets, rows, library panels).
	 * @param json the dashboard
	 * @return the expressions
	 * @throws IllegalArgumentException when a string literal is not terminated or has a
	 * bad escape
	 */
	public static List<String> dashboardExpressions(String json) {
		List<String> expressions = new ArrayList<>();
		int[] end = new int[1];
		int i = 0;
		while (i < json.length()) {
			if (json.charAt(i) != '"') {
				i++;
				continue;
			}
			String string = jsonString(json, i, end);
			i = end[0];
			int colon = skipWhitespace(json, i);
			if (colon < json.length() && json.charAt(colon) == ':') {
				int value = skipWhitespace(json, colon + 1);
				if (string.equals("expr") && value < json.length() && json.charAt(value) == '"') {
					expressions.add(jsonString(json, value, end));
					i = end[0];
				}
				else {
					i = value;
				}
			}
		}
		return List.copyOf(expressions);
	}

	private static boolean isFlowCollection(@Nullable String value) {
		return value != null && (value.startsWith("{") || value.startsWith("["));
	}

	private static boolean appliesTo(Path file, String service, Set<String> modules) {
		String name = file.getFileName().toString();
		String base = name.substring(0, name.lastIndexOf('.'));
		return base.equals(service) || !modules.contains(base);
	}

	private static Set<String> serviceModules(Path services) {
		try (Stream<Path> directories = Files.list(services)) {
			return directories.filter((directory) -> Files.isRegularFile(directory.resolve("pom.xml")))
				.map((directory) -> directory.getFileName().toString())
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> files(Path directory, String suffix) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String label(Path docker, Path file) {
		return docker.relativize(file).toString().replace('\\', '/');
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The series a scrape has of the family a missing name belongs to: for
	 * {@code x_seconds}, {@code x_seconds_bucket}, {@code x_seconds_count}, ...
	 */
	private static Set<String> seriesOfFamily(String metric, Set<String> exported) {
		String family = metric;
		for (String suffix : SERIES_SUFFIXES) {
			if (metric.endsWith(suffix)) {
				family = metric.substring(0, metric.length() - suffix.length());
				break;
			}
		}
		Set<String> series = new TreeSet<>();
		for (String name : exported) {
			if (name.equals(family)
					|| (name.startsWith(family) && SERIES_SUFFIXES.contains(name.substring(family.length())))) {
				series.add(name);
			}
		}
		return series;
	}

	private static int indent(String line) {
		int indent = 0;
		while (indent < line.length() && line.charAt(indent) == ' ') {
			indent++;
		}
		return indent;
	}

	private static String unquote(String key) {
		return (key.startsWith("\"") || key.startsWith("'")) ? key.substring(1, key.length() - 1) : key;
	}

	/** The value of a YAML scalar: its first line's text and its continuation lines. */
	private static String scalar(String first, List<String> continuation) {
		Matcher block = BLOCK_HEADER.matcher(first);
		if (block.matches()) {
			String chomping = block.group(2).isEmpty() ? block.group(3) : block.group(2);
			return blockScalar(block.group(1).equals(">"), chomping, continuation);
		}
		List<String> parts = new ArrayList<>();
		parts.add(first);
		for (String line : continuation) {
			parts.add(line.strip());
		}
		if (first.startsWith("\"")) {
			return doubleQuoted(fold(parts));
		}
		if (first.startsWith("'")) {
			String text = fold(parts);
			return text.substring(1, text.lastIndexOf('\'')).replace("''", "'");
		}
		List<String> plain = new ArrayList<>();
		for (String part : parts) {
			if (part.startsWith("#")) {
				break;
			}
			int comment = part.indexOf(" #");
			plain.add((comment >= 0) ? part.substring(0, comment).strip() : part);
		}
		return fold(plain).strip();
	}

	/** Joins the lines of a flow scalar: one line break folds to a space, n+1 to n. */
	private static String fold(List<String> lines) {
		StringBuilder text = new StringBuilder(lines.get(0));
		int breaks = 0;
		for (String line : lines.subList(1, lines.size())) {
			if (line.isEmpty()) {
				breaks++;
				continue;
			}
			text.append((breaks == 0) ? " " : "\n".repeat(breaks)).append(line);
			breaks = 0;
		}
		return text.toString();
	}

	private static String blockScalar(boolean folded, String chomping, List<String> lines) {
		int contentIndent = Integer.MAX_VALUE;
		for (String line : lines) {
			if (!line.isBlank()) {
				contentIndent = Math.min(contentIndent, indent(line));
			}
		}
		int last = lines.size();
		while (last > 0 && lines.get(last - 1).isBlank()) {
			last--;
		}
		if (last == 0) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		int blanks = 0;
		boolean first = true;
		boolean previousFoldable = false;
		for (String line : lines.subList(0, last)) {
			String content = (line.length() > contentIndent) ? line.substring(contentIndent) : "";
			if (content.isBlank()) {
				blanks++;
				continue;
			}
			// Folded: a single line break between two lines of text becomes a space; more
			// indented lines keep their line breaks.
			boolean foldable = folded && !content.startsWith(" ");
			if (first) {
				text.append("\n".repeat(blanks));
			}
			else if (foldable && previousFoldable) {
				text.append((blanks == 0) ? " " : "\n".repeat(blanks));
			}
			else {
				text.append("\n".repeat(blanks + 1));
			}
			text.append(content);
			previousFoldable = foldable;
			first = false;
			blanks = 0;
		}
		return switch (chomping) {
			case "-" -> text.toString();
			case "+" -> text + "\n".repeat(lines.size() - last + 1);
			default -> text + "\n";
		};
	}

	private static String doubleQuoted(String text) {
		StringBuilder value = new StringBuilder();
		for (int i = 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				return value.toString();
			}
			if (c != '\\') {
				value.append(c);
				continue;
			}
			char escaped = text.charAt(++i);
			switch (escaped) {
				case 'n' -> value.append('\n');
				case 't' -> value.append('\t');
				case 'r' -> value.append('\r');
				case '0' -> value.append('\0');
				case 'x' -> {
					value.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
					i += 2;
				}
				case 'u' -> {
					value.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
					i += 4;
				}
				case 'U' -> {
					value.appendCodePoint(Integer.parseInt(text.substring(i + 1, i + 9), 16));
					i += 8;
				}
				default -> value.append(escaped);
			}
		}
		throw new IllegalArgumentException("Unterminated double-quoted YAML scalar: " + text);
	}

	private static int skipWhitespace(String json, int from) {
		int i = from;
		while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
			i++;
		}
		return i;
	}

	/** The JSON string literal starting at {@code start}; its end goes to end[0]. */
	private static String jsonString(String json, int start, int[] end) {
		StringBuilder value = new StringBuilder();
		int i = start + 1;
		while (i < json.length()) {
			char c = json.charAt(i++);
			if (c == '"') {
				end[0] = i;
				return value.toString();
			}
			if (c != '\\') {
				value.append(c);
				continue;
			}
			if (i >= json.length()) {
				break;
			}
			char escaped = json.charAt(i++);
			switch (escaped) {
				case '"', '\\', '/' -> value.append(escaped);
				case 'b' -> value.append('\b');
				case 'f' -> value.append('\f');
				case 'n' -> value.append('\n');
				case 'r' -> value.append('\r');
				case 't' -> value.append('\t');
				case 'u' -> {
					if (i + 4 > json.length()) {
						throw new IllegalArgumentException("Bad \\u escape in a JSON string at " + i);
					}
					value.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
					i += 4;
				}
				default -> throw new IllegalArgumentException("Bad escape \\" + escaped + " in a JSON string at " + i);
			}
		}
		throw new IllegalArgumentException("Unterminated JSON string starting at " + start);
	}

	/**
	 * A metric queried by the contract's files but not exported.
	 *
	 * @param metric the metric name the files query
	 * @param files the files that query it (relative to {@code docker/})
	 * @param seriesOfFamily what the scrape has of the same family instead (e.g.
	 * {@code x_seconds_bucket} and {@code x_seconds_count} for {@code x_seconds}, the
	 * bare name of a histogram), empty when nothing
	 */
	public record Missing(String metric, Set<String> files, Set<String> seriesOfFamily) {

		@Override
		public String toString() {
			return this.metric + " (queried by " + String.join(", ", this.files) + ")" + (this.seriesOfFamily.isEmpty()
					? "" : ": the scrape has " + String.join(", ", this.seriesOfFamily) + " instead");
		}

	}

}
