package io.temponest.bench.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seeder and load client of bench/console-bench.sh (JDK {@code HttpClient}, HTTP/1.1,
 * virtual threads, no Spring). Bearer tokens from {@code BENCH_TOKENS} (comma-separated,
 * one per tenant) or {@code BENCH_TOKEN}.
 * <ul>
 * <li>{@code seed ...}: {@link ConsoleSeeder}.</li>
 * <li>{@code details --url BASE --requests N --concurrency C}: N project pages (GET
 * {@code /api/projects/{slug}} then its first page of runs), C at a time, for slugs drawn
 * from the tenants' project lists; the latency is the pair's.</li>
 * <li>{@code deep --url BASE --slug S --pages P --rounds R [--limit 20]}: follows
 * {@code next_cursor} from page 1 to page P of the project S once, then R times page 1
 * and page P (by its cursor) in turn, and R times page P by offset.</li>
 * <li>{@code kpis --url BASE --requests N --concurrency C}:
 * {@code GET /api/dashboard/kpis}; the first request of each tenant is timed on its own
 * ({@code first_max_ms}).</li>
 * <li>{@code dashboard --url BASE --users U --duration S [--warmup W] [--think-ms 2000-5000]
 * [--kpis true] [--cards false]}: U users, each every few seconds the KPI tiles, the
 * project list, one project and its first runs page (and the agent cards).</li>
 * </ul>
 * Each load command prints one {@code CONSOLE mode=… key=value…} line; exit status 3 when
 * a request failed.
 */
public final class ConsoleLoad {

	private static final Pattern SLUG = Pattern.compile("\"slug\"\\s*:\\s*\"([a-z0-9-]+)\"");

	private static final Pattern NEXT_CURSOR = Pattern.compile("\"next_cursor\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

	private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	private final HttpClient client;

	private final URI base;

	private final List<String> tokens;

	private final Duration timeout;

	ConsoleLoad(HttpClient client, URI base, List<String> tokens, Duration timeout) {
		this.client = client;
		this.base = base;
		this.tokens = List.copyOf(tokens);
		this.timeout = timeout;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("Usage: console-load.jar seed|details|deep|kpis|dashboard --option value ...");
			System.exit(64);
		}
		Map<String, String> options = options(args);
		if ("seed".equals(args[0])) {
			new ConsoleSeeder(ConsoleSeeder.Options.parse(options), System.out).seed();
			return;
		}
		List<String> tokens = tokens(System.getenv("BENCH_TOKENS"), System.getenv("BENCH_TOKEN"));
		if (tokens.isEmpty()) {
			System.err.println("Set BENCH_TOKENS (comma-separated) or BENCH_TOKEN to bearer tokens");
			System.exit(64);
		}
		URI base = URI.create(required(options, "url"));
		Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-s", "30")));
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
				HttpClient client = HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(5))
					.executor(executor)
					.build()) {
			ConsoleLoad load = new ConsoleLoad(client, base, tokens, timeout);
			Summary summary = switch (args[0]) {
				case "details" -> load.details(Integer.parseInt(options.getOrDefault("requests", "1000")),
						Integer.parseInt(options.getOrDefault("concurrency", "8")));
				case "deep" ->
					load.deep(required(options, "slug"), Integer.parseInt(options.getOrDefault("pages", "500")),
							Integer.parseInt(options.getOrDefault("limit", "20")),
							Integer.parseInt(options.getOrDefault("rounds", "50")));
				case "kpis" -> load.kpis(Integer.parseInt(options.getOrDefault("requests", "1000")),
						Integer.parseInt(options.getOrDefault("concurrency", "8")));
				case "floor" -> load.floor(Integer.parseInt(options.getOrDefault("requests", "2000")));
				case "kpis-uncached" -> load.kpisUncached(Integer.parseInt(options.getOrDefault("requests", "300")));
				case "dashboard" -> {
					String[] think = options.getOrDefault("think-ms", "2000-5000").split("-");
					yield load.dashboard(Integer.parseInt(options.getOrDefault("users", "100")),
							Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "0"))),
							Duration.ofSeconds(Long.parseLong(required(options, "duration"))), Long.parseLong(think[0]),
							Long.parseLong(think[think.length - 1]),
							Boolean.parseBoolean(options.getOrDefault("kpis", "true")),
							Boolean.parseBoolean(options.getOrDefault("cards", "false")));
				}
				default -> throw new IllegalArgumentException("Unknown command: " + args[0]);
			};
			System.out.println(summary.line());
			if (summary.errors() > 0) {
				System.exit(3);
			}
		}
	}

	/** The outcome of one request. */
	record Result(String endpoint, int status, double millis, String body, String error) {

		boolean ok() {
			return this.status == 200 && this.error.isEmpty();
		}

	}

	/**
	 * A mode's summary line.
	 *
	 * @param mode the mode
	 * @param errors failed requests
	 * @param fields the fields, in order
	 */
	record Summary(String mode, long errors, Map<String, String> fields) {

		String line() {
			StringBuilder line = new StringBuilder("CONSOLE mode=").append(this.mode);
			this.fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
			return line.toString();
		}

	}

	Result get(String endpoint, String path, String token) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.GET()
			.build();
		return send(endpoint, request);
	}

	Result post(String endpoint, String path, String json, String token) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return send(endpoint, request);
	}

	private Result send(String endpoint, HttpRequest request) {
		long start = System.nanoTime();
		try {
			var response = this.client.send(request, BodyHandlers.ofString());
			return new Result(endpoint, response.statusCode(), (System.nanoTime() - start) / 1e6, response.body(), "");
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return new Result(endpoint, 0, (System.nanoTime() - start) / 1e6, "", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Slugs of a tenant's projects, from up to five pages of its project list (the first
	 * and random others).
	 * @param token the tenant's token
	 * @return the slugs
	 */
	List<String> slugs(String token) {
		Result first = get("list", "/api/projects?limit=100&page=1", token);
		if (!first.ok()) {
			throw new IllegalStateException("GET /api/projects answered " + first.status() + " " + first.error());
		}
		List<String> slugs = new ArrayList<>(matches(SLUG, first.body()));
		Matcher total = TOTAL.matcher(first.body());
		long pages = total.find() ? (Long.parseLong(total.group(1)) + 99) / 100 : 1;
		for (int i = 0; i < 4 && pages > 1; i++) {
			long page = 2 + ThreadLocalRandom.current().nextLong(pages - 1);
			Result more = get("list", "/api/projects?limit=100&page=" + page, token);
			if (more.ok()) {
				slugs.addAll(matches(SLUG, more.body()));
			}
		}
		if (slugs.isEmpty()) {
			throw new IllegalStateException("The tenant has no projects (seed first)");
		}
		return List.copyOf(slugs);
	}

	Summary details(int requests, int concurrency) throws InterruptedException {
		List<List<String>> slugs = this.tokens.stream().map(this::slugs).toList();
		AtomicInteger next = new AtomicInteger();
		ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
		long start = System.nanoTime();
		runCallers(concurrency, () -> {
			int i;
			while ((i = next.getAndIncrement()) < requests) {
				int tenant = i % this.tokens.size();
				List<String> own = slugs.get(tenant);
				String slug = own.get(ThreadLocalRandom.current().nextInt(own.size()));
				results.add(projectPage(slug, this.tokens.get(tenant)));
			}
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		List<Result> all = List.copyOf(results);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("requests", String.valueOf(all.size()));
		fields.put("concurrency", String.valueOf(concurrency));
		long errors = errors(all);
		fields.put("errors", String.valueOf(errors));
		percentiles(fields, "", millis(all));
		fields.put("pages_per_s", format(all.size() / seconds));
		fields.put("statuses", statuses(all));
		return new Summary("details", errors, fields);
	}

	/** A project page: the project (with its counts), then its first page of runs. */
	private Result projectPage(String slug, String token) {
		Result project = get("project", "/api/projects/" + slug, token);
		Result runs = get("runs", "/api/projects/" + slug + "/runs?limit=20", token);
		Result failed = !project.ok() ? project : runs;
		return new Result("details", failed.status(), project.millis() + runs.millis(), "", failed.error());
	}

	Summary deep(String slug, int pages, int limit, int rounds) {
		String token = this.tokens.get(0);
		String path = "/api/projects/" + slug + "/runs?limit=" + limit;
		String cursor = null;
		long total = 0;
		int reached = 1;
		List<Result> walk = new ArrayList<>();
		for (int page = 1; page < pages; page++) {
			Result result = get("walk", path + ((cursor != null) ? "&cursor=" + encode(cursor) : ""), token);
			walk.add(result);
			if (!result.ok()) {
				break;
			}
			if (page == 1) {
				Matcher matcher = TOTAL.matcher(result.body());
				total = matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
			}
			List<String> next = matches(NEXT_CURSOR, result.body());
			if (next.isEmpty()) {
				break;
			}
			cursor = next.get(0);
			reached = page + 1;
		}
		List<Result> first = new ArrayList<>();
		List<Result> deep = new ArrayList<>();
		List<Result> offset = new ArrayList<>();
		if (reached == pages) {
			for (int r = 0; r < rounds; r++) {
				first.add(get("first", path, token));
				deep.add(get("deep", path + "&cursor=" + encode(cursor), token));
			}
			for (int r = 0; r < rounds; r++) {
				offset.add(get("offset", path + "&page=" + pages, token));
			}
		}
		List<Result> all = new ArrayList<>(walk);
		all.addAll(first);
		all.addAll(deep);
		all.addAll(offset);
		long errors = errors(all) + ((reached == pages) ? 0 : 1);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("slug", slug);
		fields.put("runs_total", String.valueOf(total));
		fields.put("pages", String.valueOf(pages));
		fields.put("reached", String.valueOf(reached));
		fields.put("limit", String.valueOf(limit));
		fields.put("rounds", String.valueOf(rounds));
		fields.put("errors", String.valueOf(errors));
		fields.put("walk_ms", format(walk.stream().mapToDouble(Result::millis).sum()));
		percentiles(fields, "first_", millis(first));
		percentiles(fields, "deep_", millis(deep));
		percentiles(fields, "offset_", millis(offset));
		double firstP50 = percentile(millis(first), 50);
		double deepP50 = percentile(millis(deep), 50);
		fields.put("deep_over_first_p50", format((firstP50 > 0) ? deepP50 / firstP50 : 0));
		double firstP95 = percentile(millis(first), 95);
		fields.put("deep_over_first_p95", format((firstP95 > 0) ? percentile(millis(deep), 95) / firstP95 : 0));
		return new Summary("deep", errors, fields);
	}

	Summary kpis(int requests, int concurrency) throws InterruptedException {
		List<Result> firsts = new ArrayList<>();
		for (String token : this.tokens) {
			firsts.add(get("kpis", "/api/dashboard/kpis", token));
		}
		AtomicInteger next = new AtomicInteger();
		ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
		long start = System.nanoTime();
		runCallers(concurrency, () -> {
			int i;
			while ((i = next.getAndIncrement()) < requests) {
				results.add(get("kpis", "/api/dashboard/kpis", this.tokens.get(i % this.tokens.size())));
			}
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		List<Result> all = List.copyOf(results);
		long errors = errors(all) + errors(firsts);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("requests", String.valueOf(all.size()));
		fields.put("concurrency", String.valueOf(concurrency));
		fields.put("errors", String.valueOf(errors));
		fields.put("first_max_ms", format(firsts.stream().mapToDouble(Result::millis).max().orElse(0)));
		fields.put("first_statuses", statuses(firsts));
		percentiles(fields, "", millis(all));
		fields.put("rps", format(all.size() / seconds));
		fields.put("statuses", statuses(all));
		return new Summary("kpis", errors, fields);
	}

	/**
	 * The floor of the stack in the same run: the service's liveness answer (no token, no
	 * database, the smallest answer it gives), one caller.
	 * @param requests the timed requests
	 * @return the summary
	 */
	Summary floor(int requests) {
		List<Result> results = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/actuator/health/liveness"))
				.timeout(this.timeout)
				.GET()
				.build();
			results.add(send("liveness", request));
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("requests", String.valueOf(results.size()));
		fields.put("errors", String.valueOf(errors(results)));
		percentiles(fields, "", millis(results));
		fields.put("statuses", statuses(results));
		return new Summary("floor", errors(results), fields);
	}

	/**
	 * The KPI tiles read from the database: one caller, each request after a run written
	 * to one of the tenant's projects (a run write evicts the tenant's cached tiles once
	 * it commits), only the read timed.
	 * @param requests the timed reads
	 * @return the summary
	 */
	Summary kpisUncached(int requests) {
		List<String> targets = this.tokens.stream().map((token) -> slugs(token).get(0)).toList();
		List<Result> writes = new ArrayList<>();
		List<Result> reads = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			int tenant = i % this.tokens.size();
			String token = this.tokens.get(tenant);
			writes.add(post("run", "/api/projects/" + encode(targets.get(tenant)) + "/runs",
					"{\"step\":\"Bench: evict the tiles\",\"status\":\"success\"}", token));
			reads.add(get("kpis", "/api/dashboard/kpis", token));
		}
		long errors = errors(reads) + writes.stream().filter((write) -> write.status() != 201).count();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("requests", String.valueOf(reads.size()));
		fields.put("errors", String.valueOf(errors));
		percentiles(fields, "", millis(reads));
		fields.put("statuses", statuses(reads));
		return new Summary("kpis-uncached", errors, fields);
	}

	Summary dashboard(int users, Duration warmUp, Duration duration, long thinkMin, long thinkMax, boolean kpis,
			boolean cards) throws InterruptedException {
		List<List<String>> slugs = this.tokens.stream().map(this::slugs).toList();
		long start = System.nanoTime();
		long measureFrom = start + warmUp.toNanos();
		long end = measureFrom + duration.toNanos();
		ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
		AtomicInteger ids = new AtomicInteger();
		runCallers(users, () -> {
			int user = ids.getAndIncrement();
			int tenant = user % this.tokens.size();
			String token = this.tokens.get(tenant);
			List<String> own = slugs.get(tenant);
			ThreadLocalRandom random = ThreadLocalRandom.current();
			if (!pause(random.nextLong(thinkMax + 1), end)) {
				return;
			}
			while (System.nanoTime() < end) {
				boolean measured = System.nanoTime() >= measureFrom;
				List<Result> visit = new ArrayList<>();
				if (kpis) {
					visit.add(get("kpis", "/api/dashboard/kpis", token));
				}
				if (cards) {
					visit.add(get("cards", "/api/agents/health", token));
				}
				visit.add(get("list", "/api/projects?limit=20", token));
				String slug = own.get(random.nextInt(own.size()));
				visit.add(get("project", "/api/projects/" + slug, token));
				visit.add(get("runs", "/api/projects/" + slug + "/runs?limit=20", token));
				if (measured) {
					results.addAll(visit);
				}
				if (!pause(random.nextLong(thinkMin, thinkMax + 1), end)) {
					return;
				}
			}
		});
		List<Result> all = List.copyOf(results);
		long errors = errors(all);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("users", String.valueOf(users));
		fields.put("duration_s", String.valueOf(duration.toSeconds()));
		fields.put("think_ms", thinkMin + "-" + thinkMax);
		fields.put("kpis", String.valueOf(kpis));
		fields.put("cards", String.valueOf(cards));
		fields.put("requests", String.valueOf(all.size()));
		fields.put("errors", String.valueOf(errors));
		percentiles(fields, "", millis(all));
		fields.put("rps", format(all.size() / (double) Math.max(1, duration.toSeconds())));
		for (String endpoint : List.of("kpis", "cards", "list", "project", "runs")) {
			List<Result> of = all.stream().filter((r) -> r.endpoint().equals(endpoint)).toList();
			if (!of.isEmpty()) {
				fields.put(endpoint + "_p50_ms", format(percentile(millis(of), 50)));
				fields.put(endpoint + "_p99_ms", format(percentile(millis(of), 99)));
			}
		}
		fields.put("statuses", statuses(all));
		return new Summary("dashboard", errors, fields);
	}

	/** Sleeps for the given time unless the end comes first; false when it did. */
	private static boolean pause(long millis, long endNanos) {
		long wake = System.nanoTime() + millis * 1_000_000;
		if (wake >= endNanos) {
			return false;
		}
		try {
			Thread.sleep(Duration.ofMillis(millis));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void runCallers(int callers, Runnable caller) throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < callers; c++) {
			threads.add(Thread.ofVirtual().start(caller));
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	static List<String> tokens(String many, String one) {
		List<String> tokens = new ArrayList<>();
		if (many != null) {
			Arrays.stream(many.split("[,\\s]+")).filter((t) -> !t.isBlank()).forEach(tokens::add);
		}
		if (tokens.isEmpty() && one != null && !one.isBlank()) {
			tokens.add(one.strip());
		}
		return tokens;
	}

	static List<String> matches(Pattern pattern, String body) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(body);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static long errors(List<Result> results) {
		return results.stream().filter((r) -> !r.ok()).count();
	}

	private static String statuses(List<Result> results) {
		Map<Integer, Integer> counts = new TreeMap<>();
		results.forEach((r) -> counts.merge(r.status(), 1, Integer::sum));
		StringBuilder text = new StringBuilder();
		counts.forEach(
				(status, count) -> text.append(text.isEmpty() ? "" : ",").append(status).append(':').append(count));
		return text.isEmpty() ? "none" : text.toString();
	}

	private static double[] millis(List<Result> results) {
		double[] values = results.stream().mapToDouble(Result::millis).toArray();
		Arrays.sort(values);
		return values;
	}

	private static void percentiles(Map<String, String> fields, String prefix, double[] sorted) {
		fields.put(prefix + "p50_ms", format(percentile(sorted, 50)));
		fields.put(prefix + "p95_ms", format(percentile(sorted, 95)));
		fields.put(prefix + "p99_ms", format(percentile(sorted, 99)));
		fields.put(prefix + "max_ms", format((sorted.length > 0) ? sorted[sorted.length - 1] : 0));
	}

	/**
	 * The nearest-rank percentile of sorted values (0 when there are none).
	 * @param sorted the values, ascending
	 * @param p the percentile, 0 to 100
	 * @return the value
	 */
	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100 * sorted.length);
		return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument: " + args[i]);
			}
			String key = args[i].substring(2);
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				options.put(key, args[++i]);
			}
			else {
				options.put(key, "true");
			}
		}
		return Collections.unmodifiableMap(options);
	}

	static String required(Map<String, String> options, String key) {
		String value = options.get(key);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + key);
		}
		return value;
	}

}
