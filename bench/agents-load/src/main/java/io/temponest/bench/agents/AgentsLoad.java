package io.temponest.bench.agents;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The load client of bench/agents-bench.sh (JDK {@code HttpClient}, HTTP/1.1, one virtual
 * thread per concurrent caller, the bearer token from the environment variable
 * {@code BENCH_TOKEN}).
 * <ul>
 * <li>{@code runs --url URL --concurrency N --duration S [--warmup W] [--delay-ms D]
 * [--out FILE]}: N callers each send {@code POST URL} {@code {"task": "..."}} again as
 * soon as the previous answer arrived, for W + S seconds (a closed loop); the answers
 * still open at the end are awaited and counted, but only those that completed within the
 * last S seconds make the rate and the percentiles. Prints one {@code RUNS key=value}
 * line: runs/s (200s completed in the window ÷ S), latency percentiles, the overhead
 * (latency − D, the provider's delay) and every status.</li>
 * <li>{@code streams --url URL --streams N --concurrency C [--warmup-streams W] [--out
 * FILE]}: W unmeasured, then N streamed executions ({@code {"user_message": "...",
 * "stream": true}}), C at a time. The first {@code data:} line carrying a fake-provider
 * marker ({@code [s…c…t<epoch µs>]}, see bench/llm-fake) is timestamped on receipt with
 * the wall clock; first-token delay = receipt − the provider's send time in the marker
 * (same machine, same clock). Prints one {@code STREAMS key=value} line. Pointed at the
 * fake provider's {@code /api/chat} itself, it reads the NDJSON stream the same way: the
 * floor of the measurement.</li>
 * <li>{@code agent-id ROLE}: the id of a built-in role's agent,
 * {@code UUID.nameUUIDFromBytes("temponest:role:" + ROLE)}.</li>
 * </ul>
 * With {@code --out} every request is one tab-separated line of FILE.
 */
public final class AgentsLoad {

	/** The marker the fake provider writes into every content chunk. */
	static final Pattern MARKER = Pattern.compile("\\[s(\\d+)c(\\d+)t(\\d+)]");

	private static final Pattern NDJSON_DONE = Pattern.compile("\"done\"\\s*:\\s*true");

	private static final Pattern ERROR_EVENT = Pattern.compile("\"error\"\\s*:");

	private static final Pattern COMPLETED = Pattern.compile("\"status\"\\s*:\\s*\"completed\"");

	private final HttpClient client;

	private final String token;

	private final Duration timeout;

	AgentsLoad(HttpClient client, String token, Duration timeout) {
		this.client = client;
		this.token = token;
		this.timeout = timeout;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("Usage: agents-load.jar runs|streams|agent-id ...");
			System.exit(64);
		}
		if ("agent-id".equals(args[0]) && args.length == 2) {
			System.out.println(roleAgentId(args[1]));
			return;
		}
		Map<String, String> options = options(args);
		String token = System.getenv("BENCH_TOKEN");
		if (token == null || token.isBlank()) {
			System.err.println("Set BENCH_TOKEN to a bearer token");
			System.exit(64);
		}
		URI url = URI.create(required(options, "url"));
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "1"));
		Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-s", "30")));
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
				HttpClient client = HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(5))
					.executor(executor)
					.build()) {
			AgentsLoad load = new AgentsLoad(client, token, timeout);
			String line = switch (args[0]) {
				case "runs" -> {
					Duration duration = Duration.ofSeconds(Long.parseLong(required(options, "duration")));
					Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "0")));
					long delayMillis = Long.parseLong(options.getOrDefault("delay-ms", "0"));
					Duration stagger = Duration.ofMillis(Long.parseLong(options.getOrDefault("stagger-ms", "0")));
					List<Run> runs = load.runs(url, concurrency, stagger, warmUp, duration);
					write(options.get("out"), "start_epoch_ms\tstatus\tlatency_ms\tin_window\tbody_completed\terror",
							runs.stream().map(Run::tsv).toList());
					yield RunSummary.of(runs, duration, delayMillis, concurrency).toString();
				}
				case "streams" -> {
					int count = Integer.parseInt(required(options, "streams"));
					int warmUp = Integer.parseInt(options.getOrDefault("warmup-streams", "0"));
					List<Streamed> warmUps = load.streams(url, warmUp, concurrency);
					List<Streamed> streams = load.streams(url, count, concurrency);
					write(options.get("out"),
							"start_epoch_ms\tstatus\tfirst_token_delay_ms\tttft_ms\ttotal_ms\tmarkers\tdone\terror",
							streams.stream().map(Streamed::tsv).toList());
					yield StreamSummary.of(streams, warmUps).toString();
				}
				default -> throw new IllegalArgumentException("Unknown command: " + args[0]);
			};
			System.out.println(line);
		}
	}

	/**
	 * The id of a built-in role's agent.
	 * @param role the role, e.g. {@code developer}
	 * @return the id
	 */
	static UUID roleAgentId(String role) {
		return UUID.nameUUIDFromBytes(("temponest:role:" + role).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The {@code --key value} pairs after the command.
	 * @param args the command line
	 * @return the options by key
	 */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Not an option with a value: " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	private static String required(Map<String, String> options, String key) {
		String value = options.get(key);
		if (value == null) {
			throw new IllegalArgumentException("--" + key + " is required");
		}
		return value;
	}

	/**
	 * A closed loop of role runs: the callers start new runs for the warm-up and then the
	 * measured window; a run is in the window when it completed within it (so the window
	 * starts in the steady state the warm-up reached). Caller i sends its first run i ×
	 * stagger ÷ concurrency after the start, so that against a provider that always takes
	 * the same time the callers do not move in lock-step waves (whose phase against the
	 * window would skew the count); the window starts after the stagger at the earliest.
	 * @param url the run endpoint, e.g. {@code http://127.0.0.1:9000/developer/run}
	 * @param concurrency the callers
	 * @param stagger over how long the callers' first runs are spread
	 * @param warmUp how long they run before the window
	 * @param duration the window
	 * @return every run: the warm-up's, the window's and those completed after it
	 * @throws InterruptedException when interrupted
	 */
	List<Run> runs(URI url, int concurrency, Duration stagger, Duration warmUp, Duration duration)
			throws InterruptedException {
		ConcurrentLinkedQueue<Run> runs = new ConcurrentLinkedQueue<>();
		long start = System.nanoTime();
		long windowStart = start + Math.max(warmUp.toNanos(), stagger.toNanos());
		long end = windowStart + duration.toNanos();
		AtomicInteger sequence = new AtomicInteger();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < concurrency; c++) {
				long first = start + stagger.toNanos() * c / concurrency;
				callers.submit(() -> {
					LockSupport.parkNanos(first - System.nanoTime());
					while (System.nanoTime() < end) {
						runs.add(run(url, sequence.incrementAndGet(), windowStart, end));
					}
				});
			}
		}
		return new ArrayList<>(runs);
	}

	private Run run(URI url, int n, long windowStart, long windowEnd) {
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"task\":\"Write a function that returns 42 (bench run " + n + ")\"}"))
			.build();
		long startMillis = System.currentTimeMillis();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
			long done = System.nanoTime();
			return new Run(startMillis, response.statusCode(), done - start, done >= windowStart && done <= windowEnd,
					COMPLETED.matcher(response.body()).find(), "");
		}
		catch (IOException ex) {
			long done = System.nanoTime();
			return new Run(startMillis, 0, done - start, false, false, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Run(startMillis, 0, System.nanoTime() - start, false, false, "interrupted");
		}
	}

	/**
	 * Streamed executions, {@code concurrency} at a time.
	 * @param url the execute endpoint, e.g.
	 * {@code http://127.0.0.1:9000/agents/<id>/execute}
	 * @param count how many
	 * @param concurrency how many at a time
	 * @return every stream
	 * @throws InterruptedException when interrupted
	 */
	List<Streamed> streams(URI url, int count, int concurrency) throws InterruptedException {
		ConcurrentLinkedQueue<Streamed> streams = new ConcurrentLinkedQueue<>();
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < concurrency; c++) {
				callers.submit(() -> {
					for (int n = next.incrementAndGet(); n <= count; n = next.incrementAndGet()) {
						streams.add(stream(url, n));
					}
				});
			}
		}
		return new ArrayList<>(streams);
	}

	private Streamed stream(URI url, int n) {
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(BodyPublishers.ofString(
					"{\"user_message\":\"Write a function that returns 42 (bench stream " + n + ")\",\"stream\":true}"))
			.build();
		long startMillis = System.currentTimeMillis();
		long start = System.nanoTime();
		int status = 0;
		try {
			HttpResponse<InputStream> response = this.client.send(request, BodyHandlers.ofInputStream());
			status = response.statusCode();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				return read(reader, startMillis, start, status);
			}
		}
		catch (IOException ex) {
			return new Streamed(startMillis, status, -1, -1, System.nanoTime() - start, 0, false,
					ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Streamed(startMillis, status, -1, -1, System.nanoTime() - start, 0, false, "interrupted");
		}
	}

	/**
	 * Read an event stream to its end: the first marker's delay, the markers received and
	 * whether {@code data: [DONE]} came. NDJSON lines (the fake provider's own stream,
	 * read directly for the floor of the measurement) count like {@code data:} lines, and
	 * the line with {@code "done": true} like {@code [DONE]}.
	 * @param reader the response body
	 * @param startMillis when the request was sent (epoch ms)
	 * @param start when the request was sent ({@code System.nanoTime})
	 * @param status the response's status
	 * @return the stream
	 * @throws IOException when the body cannot be read
	 */
	static Streamed read(BufferedReader reader, long startMillis, long start, int status) throws IOException {
		long firstDelayMicros = -1;
		long ttftNanos = -1;
		int markers = 0;
		boolean done = false;
		String error = "";
		String line;
		while ((line = reader.readLine()) != null) {
			boolean event = line.startsWith("data:");
			if (!event && !line.startsWith("{")) {
				continue;
			}
			long receivedMicros = epochMicros();
			long received = System.nanoTime();
			String data = event ? line.substring(5).strip() : line;
			if ((event && "[DONE]".equals(data)) || (!event && NDJSON_DONE.matcher(data).find())) {
				done = true;
				break;
			}
			if (ERROR_EVENT.matcher(data).find()) {
				error = "error-event";
			}
			Matcher marker = MARKER.matcher(data);
			while (marker.find()) {
				if (markers == 0) {
					firstDelayMicros = receivedMicros - Long.parseLong(marker.group(3));
					ttftNanos = received - start;
				}
				markers++;
			}
		}
		return new Streamed(startMillis, status, firstDelayMicros, ttftNanos, System.nanoTime() - start, markers, done,
				error);
	}

	/**
	 * The wall clock now, in µs since the epoch, as the fake provider reads it.
	 * @return the time
	 */
	static long epochMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

	private static void write(String file, String header, List<String> lines) throws IOException {
		if (file == null) {
			return;
		}
		try (BufferedWriter out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
			out.write(header);
			out.newLine();
			for (String line : lines) {
				out.write(line);
				out.newLine();
			}
		}
	}

	/**
	 * The value at a percentile (nearest rank) of sorted values.
	 * @param sorted the values, ascending
	 * @param percentile 0 ≤ p ≤ 100 (0: the smallest)
	 * @return the value, or NaN when there are none
	 */
	static double percentile(double[] sorted, double percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	private static String countStatuses(List<Integer> codes) {
		Map<Integer, Long> counts = codes.stream()
			.collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
		return counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
	}

	private static String ms(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
	}

	/**
	 * One role run.
	 *
	 * @param startEpochMillis when it was sent
	 * @param status the HTTP status, 0 without an answer
	 * @param latencyNanos from sending to the whole answer
	 * @param inWindow whether it completed within the measured seconds
	 * @param completed whether the answer said {@code "status": "completed"}
	 * @param error the exception's name without an answer
	 */
	record Run(long startEpochMillis, int status, long latencyNanos, boolean inWindow, boolean completed,
			String error) {

		String tsv() {
			return this.startEpochMillis + "\t" + this.status + "\t" + ms(this.latencyNanos / 1e6) + "\t"
					+ (this.inWindow ? 1 : 0) + "\t" + (this.completed ? 1 : 0) + "\t" + this.error;
		}

	}

	/**
	 * The figures of a closed loop of runs.
	 *
	 * @param requests runs sent
	 * @param ok answered 200
	 * @param non200 answered otherwise
	 * @param badBody answered 200 without {@code "status": "completed"}
	 * @param errors not answered (timeout, connection)
	 * @param windowSeconds the measured seconds
	 * @param windowOk 200s that completed within them
	 * @param latencies latencies of those, ascending (ms)
	 * @param delayMillis the provider's delay
	 * @param statuses every status with its count
	 * @param concurrency the callers
	 */
	record RunSummary(int requests, int ok, int non200, int badBody, int errors, double windowSeconds, int windowOk,
			double[] latencies, long delayMillis, String statuses, int concurrency) {

		static RunSummary of(List<Run> runs, Duration window, long delayMillis, int concurrency) {
			double[] latencies = runs.stream()
				.filter(r -> r.status() == 200 && r.inWindow())
				.mapToDouble(r -> r.latencyNanos() / 1e6)
				.sorted()
				.toArray();
			int ok = (int) runs.stream().filter(r -> r.status() == 200).count();
			int errors = (int) runs.stream().filter(r -> r.status() == 0).count();
			int badBody = (int) runs.stream().filter(r -> r.status() == 200 && !r.completed()).count();
			return new RunSummary(runs.size(), ok, runs.size() - ok - errors, badBody, errors,
					window.toMillis() / 1000.0, latencies.length, latencies, delayMillis,
					countStatuses(runs.stream().map(Run::status).toList()), concurrency);
		}

		@Override
		public String toString() {
			double p50 = percentile(this.latencies, 50);
			double p99 = percentile(this.latencies, 99);
			double mean = Arrays.stream(this.latencies).average().orElse(Double.NaN);
			return String.format(Locale.ROOT,
					"RUNS requests=%d ok=%d non_200=%d bad_body=%d errors=%d window_s=%.1f window_ok=%d rps=%.2f "
							+ "p50_ms=%s p90_ms=%s p99_ms=%s min_ms=%s max_ms=%s mean_ms=%s little_rps=%s delay_ms=%d "
							+ "overhead_p50_ms=%s overhead_p99_ms=%s statuses=%s",
					this.requests, this.ok, this.non200, this.badBody, this.errors, this.windowSeconds, this.windowOk,
					this.windowOk / this.windowSeconds, ms(p50), ms(percentile(this.latencies, 90)), ms(p99),
					ms(percentile(this.latencies, 0)), ms(percentile(this.latencies, 100)), ms(mean),
					(this.latencies.length > 0) ? String.format(Locale.ROOT, "%.2f", this.concurrency * 1000 / mean)
							: "",
					this.delayMillis, ms(p50 - this.delayMillis), ms(p99 - this.delayMillis), this.statuses);
		}

	}

	/**
	 * One streamed execution.
	 *
	 * @param startEpochMillis when it was sent
	 * @param status the HTTP status, 0 without an answer
	 * @param firstDelayMicros receipt of the first marker − its send time, µs; -1 without
	 * one
	 * @param ttftNanos from sending to the first marker's receipt; -1 without one
	 * @param totalNanos from sending to the end of the stream
	 * @param markers markers received
	 * @param done whether {@code data: [DONE]} came
	 * @param error the exception's name when the stream broke, {@code error-event} when
	 * the service sent an event with an error
	 */
	record Streamed(long startEpochMillis, int status, long firstDelayMicros, long ttftNanos, long totalNanos,
			int markers, boolean done, String error) {

		boolean ok() {
			return this.status == 200 && this.done && this.markers > 0 && this.error.isEmpty();
		}

		String tsv() {
			return this.startEpochMillis + "\t" + this.status + "\t"
					+ ((this.markers > 0) ? ms(this.firstDelayMicros / 1e3) : "") + "\t"
					+ ((this.markers > 0) ? ms(this.ttftNanos / 1e6) : "") + "\t" + ms(this.totalNanos / 1e6) + "\t"
					+ this.markers + "\t" + (this.done ? 1 : 0) + "\t" + this.error;
		}

	}

	/**
	 * The figures of the streamed executions.
	 *
	 * @param streams streams sent
	 * @param ok answered 200, with a marker and {@code [DONE]} and no error event
	 * @param non200 answered otherwise
	 * @param incomplete answered 200 but ended without {@code [DONE]}
	 * @param noMarker answered 200 without any marker
	 * @param errors not answered, broken, or with an error event
	 * @param firstDelays first-token delays of the ok streams, ascending (ms)
	 * @param ttfts request to first token of the ok streams, ascending (ms)
	 * @param totals request to end of the ok streams, ascending (ms)
	 * @param markersMin fewest markers in an ok stream
	 * @param markersMax most markers in an ok stream
	 * @param statuses every status with its count
	 * @param sent streams sent, the warm-up's included
	 * @param sentOk of those, the ok ones
	 */
	record StreamSummary(int streams, int ok, int non200, int incomplete, int noMarker, int errors,
			double[] firstDelays, double[] ttfts, double[] totals, int markersMin, int markersMax, String statuses,
			int sent, int sentOk) {

		static StreamSummary of(List<Streamed> streams, List<Streamed> warmUps) {
			List<Streamed> ok = streams.stream().filter(Streamed::ok).toList();
			int errors = (int) streams.stream().filter(s -> s.status() == 0 || !s.error().isEmpty()).count();
			return new StreamSummary(streams.size(), ok.size(),
					(int) streams.stream().filter(s -> s.status() != 200 && s.status() != 0).count(),
					(int) streams.stream().filter(s -> s.status() == 200 && !s.done() && s.error().isEmpty()).count(),
					(int) streams.stream().filter(s -> s.status() == 200 && s.markers() == 0).count(), errors,
					sorted(ok.stream().mapToDouble(s -> s.firstDelayMicros() / 1e3).toArray()),
					sorted(ok.stream().mapToDouble(s -> s.ttftNanos() / 1e6).toArray()),
					sorted(ok.stream().mapToDouble(s -> s.totalNanos() / 1e6).toArray()),
					ok.stream().mapToInt(Streamed::markers).min().orElse(0),
					ok.stream().mapToInt(Streamed::markers).max().orElse(0),
					countStatuses(streams.stream().map(Streamed::status).toList()), streams.size() + warmUps.size(),
					ok.size() + (int) warmUps.stream().filter(Streamed::ok).count());
		}

		private static double[] sorted(double[] values) {
			Arrays.sort(values);
			return values;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"STREAMS streams=%d ok=%d non_200=%d incomplete=%d no_marker=%d errors=%d first_token_p50_ms=%s "
							+ "first_token_p90_ms=%s first_token_p99_ms=%s first_token_max_ms=%s ttft_p50_ms=%s "
							+ "ttft_p99_ms=%s total_p50_ms=%s total_p99_ms=%s markers_min=%d markers_max=%d statuses=%s sent=%d sent_ok=%d",
					this.streams, this.ok, this.non200, this.incomplete, this.noMarker, this.errors,
					ms(percentile(this.firstDelays, 50)), ms(percentile(this.firstDelays, 90)),
					ms(percentile(this.firstDelays, 99)), ms(percentile(this.firstDelays, 100)),
					ms(percentile(this.ttfts, 50)), ms(percentile(this.ttfts, 99)), ms(percentile(this.totals, 50)),
					ms(percentile(this.totals, 99)), this.markersMin, this.markersMax, this.statuses, this.sent,
					this.sentOk);
		}

	}

}
