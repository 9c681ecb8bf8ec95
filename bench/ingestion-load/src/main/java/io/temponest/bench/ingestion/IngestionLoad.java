package io.temponest.bench.ingestion;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The load client of bench/ingestion-bench.sh (bearer token from the environment variable
 * {@code BENCH_TOKEN}).
 * <ul>
 * <li>{@code corpus --pages N --dir DIR [--seed S]}: writes the corpus ({@link Corpus})
 * into DIR and prints one {@code CORPUS key=value} line.</li>
 * <li>{@code ingest --url BASE --collection ID --pages N [--seed S] [--upload-concurrency
 * 4] [--pid PID] [--timeout-s 3600] [--poll-ms 1000] [--out-dir DIR]}: generates the
 * corpus in memory ({@code CORPUS} line), uploads every document, then lists the
 * collection's documents every poll until each is ready or failed, while sampling the
 * resident memory of process PID (the service) every second. Prints one
 * {@code INGEST key=value} line: pages/s and chunks/s over the wall clock from the first
 * upload's send to the last document's {@code indexed_at} (a failed one's
 * {@code updated_at}; the service and the client read the same clock), failed documents,
 * and the resident memory's samples (max, median). With DIR, {@code documents.tsv} (one
 * line per document) and {@code rss.tsv} (one line per sample).</li>
 * <li>{@code queries --url BASE --collection ID --queries N --concurrency C --tag T
 * [--top-k 5] [--out FILE]}: N queries, C at a time, each text a generated question and
 * {@code (T i)}: the same tag sends the same texts again. Prints one
 * {@code QUERIES key=value} line with the latency percentiles.</li>
 * </ul>
 */
public final class IngestionLoad {

	private IngestionLoad() {
	}

	public static void main(String[] args) throws Exception {
		// POI logs through the Log4j API; without a provider it complains on stderr.
		System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
		if (args.length == 0) {
			System.err.println("Usage: ingestion-load.jar corpus|ingest|queries --key value ...");
			System.exit(64);
		}
		Map<String, String> options = options(args);
		if ("corpus".equals(args[0])) {
			System.out.println(writeCorpus(Integer.parseInt(required(options, "pages")),
					Long.parseLong(options.getOrDefault("seed", "1")), Path.of(required(options, "dir"))));
			return;
		}
		String token = System.getenv("BENCH_TOKEN");
		if (token == null || token.isBlank()) {
			System.err.println("Set BENCH_TOKEN to a bearer token");
			System.exit(64);
		}
		URI base = URI.create(required(options, "url"));
		UUID collection = UUID.fromString(required(options, "collection"));
		Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("request-timeout-s", "60")));
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
				HttpClient http = HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(5))
					.executor(executor)
					.build()) {
			KnowledgeClient client = new KnowledgeClient(http, base, token, timeout);
			int status = switch (args[0]) {
				case "ingest" -> ingest(client, collection, options);
				case "queries" -> queries(client, collection, options);
				case "reads" -> reads(client, options);
				default -> throw new IllegalArgumentException("Unknown command: " + args[0]);
			};
			System.exit(status);
		}
	}

	private static String writeCorpus(int pages, long seed, Path dir) throws IOException {
		long start = System.nanoTime();
		List<Corpus.Document> corpus = Corpus.generate(pages, seed);
		double seconds = (System.nanoTime() - start) / 1e9;
		Files.createDirectories(dir);
		for (Corpus.Document document : corpus) {
			Files.write(dir.resolve(document.filename()), document.content());
		}
		return corpusLine(corpus, seconds);
	}

	static String corpusLine(List<Corpus.Document> corpus, double seconds) {
		Map<Corpus.Format, List<Corpus.Document>> byFormat = corpus.stream()
			.collect(Collectors.groupingBy(Corpus.Document::format));
		Function<Corpus.Format, String> pagesOf = (format) -> Integer
			.toString(byFormat.getOrDefault(format, List.of()).stream().mapToInt(Corpus.Document::pages).sum());
		Function<Corpus.Format, String> documentsOf = (format) -> Integer
			.toString(byFormat.getOrDefault(format, List.of()).size());
		return String.format(Locale.ROOT,
				"CORPUS documents=%d pages=%d characters=%d bytes=%d pdf_documents=%s pdf_pages=%s docx_documents=%s "
						+ "docx_pages=%s markdown_documents=%s markdown_pages=%s generate_s=%.2f",
				corpus.size(), corpus.stream().mapToInt(Corpus.Document::pages).sum(),
				corpus.stream().mapToLong(Corpus.Document::characters).sum(),
				corpus.stream().mapToLong((document) -> document.content().length).sum(),
				documentsOf.apply(Corpus.Format.PDF), pagesOf.apply(Corpus.Format.PDF),
				documentsOf.apply(Corpus.Format.DOCX), pagesOf.apply(Corpus.Format.DOCX),
				documentsOf.apply(Corpus.Format.MARKDOWN), pagesOf.apply(Corpus.Format.MARKDOWN), seconds);
	}

	private static int ingest(KnowledgeClient client, UUID collection, Map<String, String> options)
			throws IOException, InterruptedException {
		int pages = Integer.parseInt(required(options, "pages"));
		int concurrency = Integer.parseInt(options.getOrDefault("upload-concurrency", "4"));
		long pid = Long.parseLong(options.getOrDefault("pid", "0"));
		Duration limit = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-s", "3600")));
		long pollMillis = Long.parseLong(options.getOrDefault("poll-ms", "1000"));
		Path outDir = options.containsKey("out-dir") ? Path.of(options.get("out-dir")) : null;

		long generateStart = System.nanoTime();
		List<Corpus.Document> corpus = Corpus.generate(pages, Long.parseLong(options.getOrDefault("seed", "1")));
		System.out.println(corpusLine(corpus, (System.nanoTime() - generateStart) / 1e9));

		RssSampler rss = (pid > 0) ? new RssSampler(pid) : null;
		long firstUploadMillis = System.currentTimeMillis();
		long uploadStart = System.nanoTime();
		Map<String, KnowledgeClient.Upload> uploads = new TreeMap<>();
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService uploaders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < concurrency; c++) {
				uploaders.submit(() -> {
					for (int i = next.getAndIncrement(); i < corpus.size(); i = next.getAndIncrement()) {
						Corpus.Document document = corpus.get(i);
						KnowledgeClient.Upload upload = client.upload(collection, document);
						synchronized (uploads) {
							uploads.put(document.filename(), upload);
						}
					}
				});
			}
		}
		double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;
		Set<UUID> accepted = uploads.values()
			.stream()
			.filter((upload) -> upload.status() == 202 && upload.documentId() != null)
			.map(KnowledgeClient.Upload::documentId)
			.collect(Collectors.toSet());
		uploads.forEach((name, upload) -> {
			if (upload.status() != 202) {
				System.err.println("upload of " + name + " answered " + upload.status() + ": " + upload.error());
			}
		});

		long deadline = System.nanoTime() + limit.toNanos();
		long nextProgress = System.nanoTime();
		List<KnowledgeClient.DocumentState> states;
		while (true) {
			states = client.documents(collection).stream().filter((d) -> accepted.contains(d.id())).toList();
			long done = states.stream().filter(KnowledgeClient.DocumentState::done).count();
			if (done == accepted.size() || System.nanoTime() > deadline) {
				break;
			}
			if (System.nanoTime() >= nextProgress) {
				List<RssSampler.Sample> samples = (rss != null) ? rss.samples() : List.of();
				System.err.printf(Locale.ROOT, "ingest: %d of %d documents done, %d chunks embedded, RSS %s MB%n", done,
						accepted.size(),
						states.stream()
							.mapToInt((d) -> "ready".equals(d.status()) ? d.chunkCount() : d.chunksEmbedded())
							.sum(),
						samples.isEmpty() ? "?" : Long.toString(samples.getLast().kilobytes() / 1024));
				nextProgress = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			}
			Thread.sleep(pollMillis);
		}
		long peakKilobytes = -1;
		List<RssSampler.Sample> samples = List.of();
		if (rss != null) {
			rss.close();
			samples = rss.samples();
			peakKilobytes = rss.peak().orElse(-1);
		}
		IngestResult result = IngestResult.of(corpus, uploads, states, accepted.size(), firstUploadMillis,
				uploadSeconds, samples, peakKilobytes);
		if (outDir != null) {
			writeDocuments(outDir.resolve("documents.tsv"), corpus, uploads, states);
			write(outDir.resolve("rss.tsv"), "epoch_ms\trss_kb",
					samples.stream().map((s) -> s.epochMillis() + "\t" + s.kilobytes()).toList());
		}
		System.out.println(result);
		return result.complete() ? 0 : 3;
	}

	private static void writeDocuments(Path file, List<Corpus.Document> corpus,
			Map<String, KnowledgeClient.Upload> uploads, List<KnowledgeClient.DocumentState> states)
			throws IOException {
		Map<UUID, KnowledgeClient.DocumentState> byId = new HashMap<>();
		states.forEach((state) -> byId.put(state.id(), state));
		List<String> lines = new ArrayList<>();
		for (Corpus.Document document : corpus) {
			KnowledgeClient.Upload upload = uploads.get(document.filename());
			KnowledgeClient.DocumentState state = (upload != null && upload.documentId() != null)
					? byId.get(upload.documentId()) : null;
			lines.add(String.join("\t", document.filename(), document.format().name().toLowerCase(Locale.ROOT),
					Integer.toString(document.pages()), Integer.toString(document.characters()),
					Integer.toString(document.content().length),
					(upload != null) ? Integer.toString(upload.status()) : "",
					(upload != null) ? ms(upload.latencyNanos() / 1e6) : "", (state != null) ? state.status() : "",
					(state != null) ? Integer.toString(state.chunkCount()) : "",
					(state != null && state.indexedAt() != null) ? state.indexedAt().toString() : "",
					(state != null) ? state.error().replace('\t', ' ').replace('\n', ' ') : ""));
		}
		write(file,
				"filename\tformat\tpages\tcharacters\tbytes\tupload_status\tupload_ms\tstatus\tchunks\tindexed_at\terror",
				lines);
	}

	private static int queries(KnowledgeClient client, UUID collection, Map<String, String> options)
			throws IOException {
		int count = Integer.parseInt(required(options, "queries"));
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "1"));
		String tag = required(options, "tag");
		int topK = Integer.parseInt(options.getOrDefault("top-k", "5"));
		ConcurrentLinkedQueue<KnowledgeClient.Query> answers = new ConcurrentLinkedQueue<>();
		AtomicInteger next = new AtomicInteger(1);
		long start = System.nanoTime();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < concurrency; c++) {
				callers.submit(() -> {
					for (int n = next.getAndIncrement(); n <= count; n = next.getAndIncrement()) {
						answers.add(client.query(collection, queryText(tag, n), topK));
					}
				});
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		List<KnowledgeClient.Query> all = new ArrayList<>(answers);
		if (options.containsKey("out")) {
			write(Path.of(options.get("out")), "status\tlatency_ms\ttotal_results\terror", all.stream()
				.map((q) -> q.status() + "\t" + ms(q.latencyNanos() / 1e6) + "\t" + q.totalResults() + "\t" + q.error())
				.toList());
		}
		QuerySummary summary = QuerySummary.of(all, seconds, concurrency);
		System.out.println(summary);
		return (summary.ok() == all.size()) ? 0 : 3;
	}

	/**
	 * {@code reads}: GETs of one path, one after another per caller, summarised like the
	 * queries: the floor of the request path next to them ({@code --path},
	 * {@code --requests}, {@code --concurrency}, {@code --token true|false}).
	 */
	private static int reads(KnowledgeClient client, Map<String, String> options) {
		int count = Integer.parseInt(required(options, "requests"));
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "1"));
		String path = required(options, "path");
		boolean withToken = Boolean.parseBoolean(options.getOrDefault("token", "true"));
		ConcurrentLinkedQueue<KnowledgeClient.Query> answers = new ConcurrentLinkedQueue<>();
		AtomicInteger next = new AtomicInteger(1);
		long start = System.nanoTime();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < concurrency; c++) {
				callers.submit(() -> {
					for (int n = next.getAndIncrement(); n <= count; n = next.getAndIncrement()) {
						answers.add(client.get(path, withToken));
					}
				});
			}
		}
		QuerySummary summary = QuerySummary.of(new ArrayList<>(answers), (System.nanoTime() - start) / 1e9,
				concurrency);
		System.out.println(summary);
		return (summary.ok() == count) ? 0 : 3;
	}

	/**
	 * The text of query {@code n} of a tag: a question and the tag with the number, so
	 * that every text of a tag differs and the same tag repeats them.
	 * @param tag the tag
	 * @param n the number
	 * @return the text
	 */
	static String queryText(String tag, int n) {
		return Prose.question(n) + " (" + tag + " " + n + ")";
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

	static String ms(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
	}

	private static String countStatuses(List<Integer> codes) {
		return codes.stream()
			.collect(Collectors.groupingBy((c) -> c, TreeMap::new, Collectors.counting()))
			.entrySet()
			.stream()
			.map((e) -> e.getKey() + ":" + e.getValue())
			.collect(Collectors.joining(","));
	}

	private static void write(Path file, String header, List<String> lines) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(header);
			out.newLine();
			for (String line : lines) {
				out.write(line);
				out.newLine();
			}
		}
	}

	/**
	 * The figures of an ingestion.
	 *
	 * @param documents documents generated
	 * @param pages pages generated
	 * @param uploaded documents answered 202
	 * @param uploadErrors documents answered otherwise, or not at all
	 * @param uploadStatuses every upload status with its count
	 * @param uploadSeconds from the first upload's send to the last upload's answer
	 * @param ready documents ready
	 * @param failed documents failed
	 * @param pending documents neither when the client stopped waiting
	 * @param readyPages pages of the ready documents
	 * @param chunks chunks of the ready documents
	 * @param wallSeconds from the first upload's send to the last document's
	 * {@code indexed_at} (or a failed one's {@code updated_at}); NaN when none finished
	 * @param rssKilobytes the resident memory's samples, in order
	 * @param peakKilobytes the process's peak resident memory ({@code VmHWM}) at the end,
	 * -1 unknown
	 */
	record IngestResult(int documents, int pages, int uploaded, int uploadErrors, String uploadStatuses,
			double uploadSeconds, int ready, int failed, int pending, int readyPages, long chunks, double wallSeconds,
			long[] rssKilobytes, long peakKilobytes) {

		static IngestResult of(List<Corpus.Document> corpus, Map<String, KnowledgeClient.Upload> uploads,
				List<KnowledgeClient.DocumentState> states, int accepted, long firstUploadMillis, double uploadSeconds,
				List<RssSampler.Sample> samples, long peakKilobytes) {
			Map<UUID, KnowledgeClient.DocumentState> byId = new HashMap<>();
			states.forEach((state) -> byId.put(state.id(), state));
			int readyPages = 0;
			for (Corpus.Document document : corpus) {
				KnowledgeClient.Upload upload = uploads.get(document.filename());
				KnowledgeClient.DocumentState state = (upload != null && upload.documentId() != null)
						? byId.get(upload.documentId()) : null;
				if (state != null && "ready".equals(state.status())) {
					readyPages += document.pages();
				}
			}
			int ready = (int) states.stream().filter((s) -> "ready".equals(s.status())).count();
			int failed = (int) states.stream().filter((s) -> "failed".equals(s.status())).count();
			long chunks = states.stream()
				.filter((s) -> "ready".equals(s.status()))
				.mapToLong(KnowledgeClient.DocumentState::chunkCount)
				.sum();
			Instant last = states.stream()
				.filter(KnowledgeClient.DocumentState::done)
				.map((s) -> (s.indexedAt() != null && "ready".equals(s.status())) ? s.indexedAt() : s.updatedAt())
				.filter((instant) -> instant != null)
				.max(Instant::compareTo)
				.orElse(null);
			double wall = (last != null) ? (last.toEpochMilli() - firstUploadMillis) / 1e3 : Double.NaN;
			return new IngestResult(corpus.size(), corpus.stream().mapToInt(Corpus.Document::pages).sum(), accepted,
					corpus.size() - accepted,
					countStatuses(uploads.values().stream().map(KnowledgeClient.Upload::status).toList()),
					uploadSeconds, ready, failed, accepted - ready - failed, readyPages, chunks, wall,
					samples.stream().mapToLong(RssSampler.Sample::kilobytes).toArray(), peakKilobytes);
		}

		boolean complete() {
			return this.pending == 0 && this.uploadErrors == 0;
		}

		@Override
		public String toString() {
			double[] rss = Arrays.stream(this.rssKilobytes).mapToDouble((kb) -> kb / 1024.0).sorted().toArray();
			return String.format(Locale.ROOT,
					"INGEST documents=%d pages=%d uploaded=%d upload_errors=%d upload_statuses=%s upload_s=%.2f "
							+ "ready=%d failed=%d pending=%d ready_pages=%d chunks=%d wall_s=%s pages_per_s=%s "
							+ "chunks_per_s=%s rss_samples=%d rss_max_mb=%s rss_median_mb=%s rss_first_mb=%s "
							+ "rss_last_mb=%s rss_peak_hwm_mb=%s",
					this.documents, this.pages, this.uploaded, this.uploadErrors, this.uploadStatuses,
					this.uploadSeconds, this.ready, this.failed, this.pending, this.readyPages, this.chunks,
					fixed(this.wallSeconds, "%.2f"), fixed(this.readyPages / this.wallSeconds, "%.2f"),
					fixed(this.chunks / this.wallSeconds, "%.1f"), rss.length, fixed(percentile(rss, 100), "%.0f"),
					fixed(percentile(rss, 50), "%.0f"),
					fixed((this.rssKilobytes.length > 0) ? this.rssKilobytes[0] / 1024.0 : Double.NaN, "%.0f"),
					fixed((this.rssKilobytes.length > 0) ? this.rssKilobytes[this.rssKilobytes.length - 1] / 1024.0
							: Double.NaN, "%.0f"),
					fixed((this.peakKilobytes >= 0) ? this.peakKilobytes / 1024.0 : Double.NaN, "%.0f"));
		}

	}

	/**
	 * The figures of a run of queries.
	 *
	 * @param requests queries sent
	 * @param ok answered 200 with at least one chunk
	 * @param non200 answered otherwise
	 * @param empty answered 200 without a chunk
	 * @param errors not answered
	 * @param latencies latencies of the ok ones, ascending (ms)
	 * @param seconds from the first send to the last answer
	 * @param concurrency queries at a time
	 * @param statuses every status with its count
	 */
	record QuerySummary(int requests, int ok, int non200, int empty, int errors, double[] latencies, double seconds,
			int concurrency, String statuses) {

		static QuerySummary of(List<KnowledgeClient.Query> queries, double seconds, int concurrency) {
			List<KnowledgeClient.Query> ok = queries.stream()
				.filter((q) -> q.status() == 200 && q.totalResults() > 0)
				.toList();
			return new QuerySummary(queries.size(), ok.size(),
					(int) queries.stream().filter((q) -> q.status() != 200 && q.status() != 0).count(),
					(int) queries.stream().filter((q) -> q.status() == 200 && q.totalResults() <= 0).count(),
					(int) queries.stream().filter((q) -> q.status() == 0).count(),
					ok.stream().mapToDouble((q) -> q.latencyNanos() / 1e6).sorted().toArray(), seconds, concurrency,
					countStatuses(queries.stream().map(KnowledgeClient.Query::status).toList()));
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"QUERIES requests=%d ok=%d non_200=%d empty=%d errors=%d concurrency=%d p50_ms=%s p95_ms=%s "
							+ "p99_ms=%s min_ms=%s max_ms=%s mean_ms=%s qps=%.1f statuses=%s",
					this.requests, this.ok, this.non200, this.empty, this.errors, this.concurrency,
					ms(percentile(this.latencies, 50)), ms(percentile(this.latencies, 95)),
					ms(percentile(this.latencies, 99)), ms(percentile(this.latencies, 0)),
					ms(percentile(this.latencies, 100)), ms(Arrays.stream(this.latencies).average().orElse(Double.NaN)),
					this.ok / this.seconds, this.statuses);
		}

	}

	private static String fixed(double value, String format) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? "" : String.format(Locale.ROOT, format, value);
	}

}
