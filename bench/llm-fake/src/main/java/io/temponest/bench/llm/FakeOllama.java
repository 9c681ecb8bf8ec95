package io.temponest.bench.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake Ollama for the agents benchmark. {@code POST /api/chat} answers after the
 * configured delay: with {@code "stream": false} one JSON object, otherwise (Ollama's
 * default) NDJSON, {@code chunks} lines of partial content {@code chunk-gap-ms} apart and
 * a last {@code done:true} line with the token counts. Every content chunk carries a
 * marker {@code [s<stream>c<index>t<epoch µs>]} holding the wall-clock time (µs) at which
 * the fake wrote it, so that a client on the same machine that receives the text through
 * the agents service can tell how long the token took to reach it; the send times are
 * also recorded ({@code GET /chunks}). {@code GET /stats} prints the counters as one
 * {@code LLM key=value} line, {@code POST /reset} prints them and sets them to zero,
 * {@code POST /config?delay-ms=&chunks=&chunk-gap-ms=} changes the behaviour of the next
 * calls. Options: {@code --port 9192 --delay-ms 0 --chunks 20 --chunk-gap-ms 10
 * --warm-up 0} (the warm-up chats go to itself before it reports that it listens, then
 * are forgotten). Binds to 127.0.0.1 and serves every request on its own virtual thread.
 */
public final class FakeOllama implements AutoCloseable {

	/**
	 * The text of every non-streamed answer: what the developer role asks for, a named
	 * code block and a JSON summary, so that the role's parsing runs as it would on a
	 * real answer.
	 */
	static final String ANSWER = """
			```python src/answer.py
			def answer():
			    return 42
			```
			```json
			{"implementation": "src/answer.py returns 42", "tests": "", "migrations": "", "setup_instructions": []}
			```
			""";

	/** What a prompt counts as, in tokens ({@code prompt_eval_count}). */
	static final int PROMPT_TOKENS = 32;

	/** What a non-streamed answer counts as, in tokens ({@code eval_count}). */
	static final int ANSWER_TOKENS = 12;

	private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*(true|false)");

	private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");

	private static final int BACKLOG = 1024;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private volatile Settings settings;

	private final LongAdder chats = new LongAdder();

	private final LongAdder streams = new LongAdder();

	private final LongAdder chunksSent = new LongAdder();

	private final LongAdder aborted = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final AtomicLong streamIds = new AtomicLong();

	private final Set<String> models = ConcurrentHashMap.newKeySet();

	private final Queue<ChunkSent> sent = new ConcurrentLinkedQueue<>();

	private FakeOllama(HttpServer server, Settings settings) {
		this.server = server;
		this.settings = settings;
		server.createContext("/", this::handle);
		server.setExecutor(this.executor);
	}

	/**
	 * Start a fake Ollama on 127.0.0.1.
	 * @param port the port, 0 for any free one
	 * @param settings delay, chunks and gap of the answers
	 * @return the running fake
	 * @throws IOException when the port cannot be bound
	 */
	public static FakeOllama start(int port, Settings settings) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
		FakeOllama fake = new FakeOllama(server, settings);
		server.start();
		return fake;
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = options(args);
		int port = Integer.parseInt(options.getOrDefault("port", "9192"));
		int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "0"));
		Settings settings = new Settings(Duration.ofMillis(Long.parseLong(options.getOrDefault("delay-ms", "0"))),
				Integer.parseInt(options.getOrDefault("chunks", "20")),
				Duration.ofMillis(Long.parseLong(options.getOrDefault("chunk-gap-ms", "10"))));
		FakeOllama fake = start(port, settings);
		fake.warmUp(warmUp);
		System.out.println("FAKE-LLM listening on 127.0.0.1:" + fake.port() + " " + settings + " warm_up=" + warmUp);
	}

	/**
	 * The {@code --key value} pairs of a command line.
	 * @param args the command line
	 * @return the options by key
	 */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Not an option with a value: " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	/**
	 * Send chats to itself, one after the other ({@code calls} answered whole, a tenth as
	 * many streamed), without delay or gaps, then reset the counters.
	 * @param calls how many whole answers
	 * @throws IOException when a request fails
	 */
	void warmUp(int calls) throws IOException {
		Settings configured = this.settings;
		this.settings = new Settings(Duration.ZERO, configured.chunks(), Duration.ZERO);
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			URI chat = URI.create("http://127.0.0.1:" + port() + "/api/chat");
			for (int i = 0; i < calls; i++) {
				boolean stream = i % 10 == 0;
				HttpRequest request = HttpRequest.newBuilder(chat)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"model\":\"warm-up\",\"messages\":[],\"stream\":" + stream + "}"))
					.build();
				client.send(request, BodyHandlers.discarding());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.settings = configured;
		}
		reset();
	}

	/**
	 * The bound port.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * How the next calls are answered.
	 * @return the settings
	 */
	public Settings settings() {
		return this.settings;
	}

	/**
	 * The counters so far.
	 * @return the counters
	 */
	public Stats stats() {
		return new Stats(this.chats.sum(), this.streams.sum(), this.chunksSent.sum(), this.aborted.sum(),
				this.rejected.sum(), new TreeSet<>(this.models));
	}

	/**
	 * The content chunks sent since the last reset, in the order they were recorded.
	 * @return the chunks
	 */
	public List<ChunkSent> chunks() {
		return new ArrayList<>(this.sent);
	}

	/**
	 * Set every counter to zero and forget the chunks sent.
	 * @return the counters before the reset
	 */
	public synchronized Stats reset() {
		Stats before = stats();
		this.chats.reset();
		this.streams.reset();
		this.chunksSent.reset();
		this.aborted.reset();
		this.rejected.reset();
		this.models.clear();
		this.sent.clear();
		return before;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.close();
	}

	/**
	 * The marker of a content chunk.
	 * @param stream the stream's number
	 * @param index the chunk's index in its stream, from 0
	 * @param epochMicros the wall-clock time it was sent, in µs since the epoch
	 * @return the marker
	 */
	static String marker(long stream, int index, long epochMicros) {
		return "[s" + stream + "c" + index + "t" + epochMicros + "]";
	}

	/**
	 * The wall clock now, in µs since the epoch ({@code System.nanoTime} is per process).
	 * @return the time
	 */
	static long epochMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if ("POST".equals(method) && "/api/chat".equals(path)) {
				chat(exchange, body);
			}
			else if ("GET".equals(method) && "/api/tags".equals(path)) {
				send(exchange, 200, "application/json; charset=utf-8",
						"{\"models\":[{\"name\":\"bench-model\",\"model\":\"bench-model\",\"size\":1}]}");
			}
			else if ("GET".equals(method) && "/api/version".equals(path)) {
				send(exchange, 200, "application/json; charset=utf-8", "{\"version\":\"0.0.0-bench\"}");
			}
			else if (("GET".equals(method) || "HEAD".equals(method)) && "/".equals(path)) {
				send(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
			}
			else if ("GET".equals(method) && "/stats".equals(path)) {
				send(exchange, 200, "text/plain", stats() + "\n");
			}
			else if ("GET".equals(method) && "/chunks".equals(path)) {
				StringBuilder tsv = new StringBuilder("stream\tindex\tsent_epoch_us\n");
				for (ChunkSent chunk : chunks()) {
					tsv.append(chunk.stream())
						.append('\t')
						.append(chunk.index())
						.append('\t')
						.append(chunk.epochMicros())
						.append('\n');
				}
				send(exchange, 200, "text/tab-separated-values", tsv.toString());
			}
			else if ("POST".equals(method) && "/reset".equals(path)) {
				send(exchange, 200, "text/plain", reset() + "\n");
			}
			else if ("POST".equals(method) && "/config".equals(path)) {
				configure(exchange);
			}
			else {
				this.rejected.increment();
				send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
			}
		}
	}

	private synchronized void configure(HttpExchange exchange) throws IOException {
		try {
			this.settings = this.settings.with(exchange.getRequestURI().getQuery());
		}
		catch (IllegalArgumentException ex) {
			send(exchange, 400, "text/plain", ex.getMessage() + "\n");
			return;
		}
		send(exchange, 200, "text/plain", "LLM-CONFIG " + this.settings + "\n");
	}

	private void chat(HttpExchange exchange, String body) throws IOException {
		Settings current = this.settings;
		Matcher modelMatch = MODEL.matcher(body);
		String model = modelMatch.find() ? modelMatch.group(1) : "";
		this.models.add(model);
		Matcher streamMatch = STREAM.matcher(body);
		// Ollama streams unless the request says "stream": false.
		boolean stream = !streamMatch.find() || Boolean.parseBoolean(streamMatch.group(1));
		if (stream) {
			this.streams.increment();
		}
		else {
			this.chats.increment();
		}
		pause(current.delay());
		if (!stream) {
			send(exchange, 200, "application/json; charset=utf-8",
					"{\"model\":\"" + model + "\",\"created_at\":\"" + Instant.now() + "\",\"message\":{\"role\":"
							+ "\"assistant\",\"content\":\"" + escape(ANSWER)
							+ "\"},\"done\":true,\"done_reason\":\"stop\"," + counts(ANSWER_TOKENS) + "}");
			return;
		}
		long id = this.streamIds.incrementAndGet();
		exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (int i = 0; i < current.chunks(); i++) {
				if (i > 0) {
					pause(current.chunkGap());
				}
				long micros = epochMicros();
				String line = "{\"model\":\"" + model + "\",\"created_at\":\"" + Instant.now()
						+ "\",\"message\":{\"role\":\"assistant\",\"content\":\"" + marker(id, i, micros)
						+ " \"},\"done\":false}\n";
				out.write(line.getBytes(StandardCharsets.UTF_8));
				out.flush();
				this.sent.add(new ChunkSent(id, i, micros));
				this.chunksSent.increment();
			}
			String last = "{\"model\":\"" + model + "\",\"created_at\":\"" + Instant.now()
					+ "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
					+ counts(current.chunks()) + "}\n";
			out.write(last.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// The caller went away mid-stream.
			this.aborted.increment();
		}
	}

	private static String counts(int evalCount) {
		return "\"total_duration\":1000000,\"load_duration\":1000,\"prompt_eval_count\":" + PROMPT_TOKENS
				+ ",\"prompt_eval_duration\":1000,\"eval_count\":" + evalCount + ",\"eval_duration\":1000";
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
	}

	private static void pause(Duration duration) {
		if (duration.isPositive()) {
			try {
				Thread.sleep(duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if ("HEAD".equals(exchange.getRequestMethod())) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * How the fake answers chats.
	 *
	 * @param delay how long before the answer (or its first chunk)
	 * @param chunks content chunks of a streamed answer
	 * @param chunkGap the pause between two content chunks
	 */
	public record Settings(Duration delay, int chunks, Duration chunkGap) {

		public Settings {
			if (delay.isNegative() || chunkGap.isNegative() || chunks < 1) {
				throw new IllegalArgumentException("delay and gap must be >= 0 and chunks >= 1");
			}
		}

		/**
		 * These settings with the values of a query string changed.
		 * @param query {@code delay-ms=…&chunks=…&chunk-gap-ms=…}, any of them, or null
		 * @return the new settings
		 */
		Settings with(String query) {
			Settings next = this;
			if (query == null || query.isBlank()) {
				return next;
			}
			for (String pair : query.split("&")) {
				String[] kv = pair.split("=", 2);
				long value;
				try {
					value = Long.parseLong((kv.length == 2) ? kv[1] : "");
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("Not a number: " + pair);
				}
				next = switch (kv[0]) {
					case "delay-ms" -> new Settings(Duration.ofMillis(value), next.chunks, next.chunkGap);
					case "chunks" -> new Settings(next.delay, Math.toIntExact(value), next.chunkGap);
					case "chunk-gap-ms" -> new Settings(next.delay, next.chunks, Duration.ofMillis(value));
					default -> throw new IllegalArgumentException("Unknown setting: " + kv[0]);
				};
			}
			return next;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "delay_ms=%d chunks=%d chunk_gap_ms=%d", this.delay.toMillis(),
					this.chunks, this.chunkGap.toMillis());
		}

	}

	/**
	 * One content chunk written to a stream.
	 *
	 * @param stream the stream's number
	 * @param index the chunk's index in the stream, from 0
	 * @param epochMicros when it was written, µs since the epoch
	 */
	public record ChunkSent(long stream, int index, long epochMicros) {

	}

	/**
	 * What the fake has answered, printed as one {@code LLM key=value} line that
	 * bench/agents-bench.sh parses.
	 *
	 * @param chats chats answered whole ({@code "stream": false})
	 * @param streams chats answered as a stream
	 * @param chunks content chunks written
	 * @param aborted streams whose caller went away before the end
	 * @param rejected requests that were neither a chat nor a known endpoint (404)
	 * @param models the model names asked for
	 */
	public record Stats(long chats, long streams, long chunks, long aborted, long rejected, Set<String> models) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "LLM chats=%d streams=%d chunks=%d aborted=%d rejected=%d models=%s",
					this.chats, this.streams, this.chunks, this.aborted, this.rejected, String.join(",", this.models));
		}

	}

}
