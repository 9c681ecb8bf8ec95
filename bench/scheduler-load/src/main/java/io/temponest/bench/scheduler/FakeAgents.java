package io.temponest.bench.scheduler;

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
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake agents service for the scheduler benchmark: {@code POST /{agent}/run} answers
 * 200 with a completed result (after an optional fixed delay) and counts the call under
 * its execution, the {@code X-Request-ID} the scheduler sends
 * ({@code <execution id>-<attempt>}) without its attempt suffix, so that a second call
 * for the same execution shows up as a repeat. {@code GET /stats} prints the counters as
 * one {@code AGENTS key=value} line; {@code POST /reset} prints them and sets them to
 * zero. Arguments: {@code [port=9191] [delay-ms=0] [warm-up-runs=0]}: the warm-up runs
 * are sent to itself before it reports that it listens, and then forgotten, so that its
 * own JIT warm-up does not fall into the first measurement. Binds to 127.0.0.1 and serves
 * every request on its own virtual thread.
 */
public final class FakeAgents implements AutoCloseable {

	/**
	 * The body of every run answer, what the agents service returns for a finished task.
	 */
	static final String RUN_RESPONSE = "{\"task_id\":\"t\",\"status\":\"completed\",\"result\":{},\"tokens_used\":1,"
			+ "\"cost_info\":{\"total_cost_usd\":0}}";

	private static final Pattern RUN_PATH = Pattern.compile("/[^/]+/run");

	/**
	 * The auth service's token exchange, which the scheduler calls once per schedule
	 * creator before running for them: answered with a token this fake never checks.
	 */
	static final String TOKEN_EXCHANGE_PATH = "/auth/token/exchange";

	private static final String EXCHANGED_TOKEN = "{\"access_token\": \"bench-token\", \"token_type\": \"Bearer\", "
			+ "\"issued_token_type\": \"urn:ietf:params:oauth:token-type:access_token\", \"expires_in\": 300}\n";

	private static final int BACKLOG = 1024;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final Duration delay;

	private final LongAdder runs = new LongAdder();

	private final LongAdder repeats = new LongAdder();

	private final LongAdder unkeyed = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final Set<String> executions = ConcurrentHashMap.newKeySet();

	private FakeAgents(HttpServer server, Duration delay) {
		this.server = server;
		this.delay = delay;
		server.createContext("/", this::handle);
		server.setExecutor(this.executor);
	}

	/**
	 * Start a fake agents service on 127.0.0.1.
	 * @param port the port, 0 for any free one
	 * @param delay how long every run takes before it answers
	 * @return the running service
	 * @throws IOException when the port cannot be bound
	 */
	public static FakeAgents start(int port, Duration delay) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
		FakeAgents agents = new FakeAgents(server, delay);
		server.start();
		return agents;
	}

	public static void main(String[] args) throws IOException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 9191;
		long delayMillis = (args.length > 1) ? Long.parseLong(args[1]) : 0;
		int warmUpRuns = (args.length > 2) ? Integer.parseInt(args[2]) : 0;
		FakeAgents agents = start(port, Duration.ofMillis(delayMillis));
		agents.warmUp(warmUpRuns);
		System.out.println("FAKE-AGENTS listening on 127.0.0.1:" + agents.port() + " delay_ms=" + delayMillis
				+ " warm_up_runs=" + warmUpRuns);
	}

	/**
	 * Send run requests to itself, one after the other, then reset the counters.
	 * @param runs how many
	 * @throws IOException when a request fails
	 */
	void warmUp(int runs) throws IOException {
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/warm-up/run"))
				.header("Content-Type", "application/json")
				.header("X-Request-ID", "warm-up-1")
				.POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"t\"}"))
				.build();
			for (int i = 0; i < runs; i++) {
				client.send(request, BodyHandlers.discarding());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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
	 * The counters so far.
	 * @return the counters
	 */
	public Stats stats() {
		return new Stats(this.runs.sum(), this.executions.size(), this.repeats.sum(), this.unkeyed.sum(),
				this.rejected.sum());
	}

	/**
	 * Set every counter to zero.
	 * @return the counters before the reset
	 */
	public synchronized Stats reset() {
		Stats before = stats();
		this.runs.reset();
		this.repeats.reset();
		this.unkeyed.reset();
		this.rejected.reset();
		this.executions.clear();
		return before;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if ("POST".equals(method) && RUN_PATH.matcher(path).matches()) {
				run(exchange);
			}
			else if ("POST".equals(method) && TOKEN_EXCHANGE_PATH.equals(path)) {
				send(exchange, 200, "application/json", EXCHANGED_TOKEN);
			}
			else if ("GET".equals(method) && "/stats".equals(path)) {
				send(exchange, 200, "text/plain", stats() + "\n");
			}
			else if ("POST".equals(method) && "/reset".equals(path)) {
				send(exchange, 200, "text/plain", reset() + "\n");
			}
			else {
				this.rejected.increment();
				send(exchange, 404, "text/plain", "not found\n");
			}
		}
	}

	private void run(HttpExchange exchange) throws IOException {
		count(exchange.getRequestHeaders().getFirst("X-Request-ID"));
		if (this.delay.isPositive()) {
			try {
				Thread.sleep(this.delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		send(exchange, 200, "application/json", RUN_RESPONSE);
	}

	private void count(String requestId) {
		this.runs.increment();
		int attemptSuffix = (requestId != null) ? requestId.lastIndexOf('-') : -1;
		if (attemptSuffix <= 0) {
			this.unkeyed.increment();
			return;
		}
		if (!this.executions.add(requestId.substring(0, attemptSuffix))) {
			this.repeats.increment();
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * What the fake has answered, printed as one {@code AGENTS key=value} line that
	 * bench/scheduler-bench.sh parses.
	 *
	 * @param runs run requests answered
	 * @param executions distinct executions among them (by {@code X-Request-ID} without
	 * the attempt)
	 * @param repeats run requests for an execution already seen
	 * @param unkeyed run requests without a usable {@code X-Request-ID}
	 * @param rejected requests that were not runs (answered 404)
	 */
	public record Stats(long runs, long executions, long repeats, long unkeyed, long rejected) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "AGENTS runs=%d executions=%d repeats=%d unkeyed=%d rejected=%d",
					this.runs, this.executions, this.repeats, this.unkeyed, this.rejected);
		}

	}

}
