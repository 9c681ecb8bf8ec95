package io.temponest.bench.agents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the load client against a stub of the agents service's run and streamed
 * execute endpoints: what it counts as a completed run, how it reads an event stream and
 * times the first marker, and its percentiles.
 */
class AgentsLoadTests {

	private static final String COMPLETED = "{\"task_id\":\"t\",\"status\":\"completed\",\"result\":{},\"tokens_used\":44}";

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final AtomicInteger calls = new AtomicInteger();

	private HttpServer server;

	private volatile String lastAuthorization;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		this.executor.close();
		this.client.close();
	}

	@Test
	void roleAgentIdWhenDeveloperThenNameBasedUuidOfTheRole() {
		// MD5 of "temponest:role:developer" as a version 3 UUID (Python's uuid module
		// agrees).
		assertThat(AgentsLoad.roleAgentId("developer"))
			.isEqualTo(UUID.fromString("eb3c311a-1b5b-3227-9f30-f9d559002ea5"));
	}

	@Test
	void runsWhenServiceAnswersThenEveryRunCountedWithStatusAndBody() throws Exception {
		List<AgentsLoad.Run> runs = load().runs(uri("/developer/run"), 4, Duration.ofMillis(40), Duration.ZERO,
				Duration.ofMillis(300));
		assertThat(runs).isNotEmpty().allSatisfy((run) -> {
			assertThat(run.status()).isEqualTo(200);
			assertThat(run.completed()).isTrue();
		});
		assertThat(this.lastAuthorization).isEqualTo("Bearer bench-token");
		String line = AgentsLoad.RunSummary.of(runs, Duration.ofMillis(300), 0, 4).toString();
		assertThat(line).startsWith(
				"RUNS requests=" + runs.size() + " ok=" + runs.size() + " non_200=0 bad_body=0 errors=0 window_s=0.3 ");
		assertThat(line).endsWith(" statuses=200:" + runs.size());
	}

	@Test
	void runSummaryWhenRunsInAndAfterTheWindowThenRateAndPercentilesOfTheWindowOnly() {
		List<AgentsLoad.Run> runs = List.of(run(200, 2_010, true), run(200, 2_004, true), run(200, 2_030, true),
				run(200, 2_002, true), run(200, 2_500, false), run(503, 3, true),
				new AgentsLoad.Run(0, 0, 1, false, false, "HttpTimeoutException"));
		assertThat(AgentsLoad.RunSummary.of(runs, Duration.ofSeconds(2), 2_000, 4).toString())
			.isEqualTo("RUNS requests=7 ok=5 non_200=1 bad_body=0 errors=1 window_s=2.0 window_ok=4 rps=2.00 "
					+ "p50_ms=2004.000 p90_ms=2030.000 p99_ms=2030.000 min_ms=2002.000 max_ms=2030.000 mean_ms=2011.500 "
					+ "little_rps=1.99 delay_ms=2000 "
					+ "overhead_p50_ms=4.000 overhead_p99_ms=30.000 statuses=0:1,200:5,503:1");
	}

	@Test
	void runsWhenServiceRefusesOrAnswersFailedThenCountedApart() throws Exception {
		List<AgentsLoad.Run> refused = load().runs(uri("/throttled/run"), 2, Duration.ZERO, Duration.ZERO,
				Duration.ofMillis(100));
		List<AgentsLoad.Run> failed = load().runs(uri("/failing/run"), 2, Duration.ZERO, Duration.ZERO,
				Duration.ofMillis(100));
		String refusedLine = AgentsLoad.RunSummary.of(refused, Duration.ofMillis(100), 0, 2).toString();
		assertThat(refusedLine).contains(" ok=0 non_200=" + refused.size() + " ")
			.contains(" rps=0.00 ")
			.contains(" statuses=429:" + refused.size());
		String failedLine = AgentsLoad.RunSummary.of(failed, Duration.ofMillis(100), 0, 2).toString();
		assertThat(failedLine).contains(" ok=" + failed.size() + " non_200=0 bad_body=" + failed.size() + " ");
	}

	@Test
	void streamsWhenServiceStreamsThenFirstMarkerTimedAndDoneSeen() throws Exception {
		List<AgentsLoad.Streamed> streams = load().streams(uri("/agents/a/execute"), 5, 2);
		assertThat(streams).hasSize(5).allSatisfy((stream) -> {
			assertThat(stream.ok()).isTrue();
			assertThat(stream.markers()).isEqualTo(3);
			assertThat(stream.firstDelayMicros()).isNotNegative();
			assertThat(stream.ttftNanos()).isBetween(0L, stream.totalNanos());
		});
		List<AgentsLoad.Streamed> warmUps = load().streams(uri("/agents/a/execute"), 2, 2);
		assertThat(AgentsLoad.StreamSummary.of(streams, warmUps).toString())
			.startsWith("STREAMS streams=5 ok=5 non_200=0 incomplete=0 no_marker=0 errors=0 first_token_p50_ms=")
			.endsWith(" markers_min=3 markers_max=3 statuses=200:5 sent=7 sent_ok=7");
	}

	@Test
	void readWhenMarkerSentEarlierThenDelayIsReceiptMinusSendTime() throws IOException {
		long sent = AgentsLoad.epochMicros() - 7_000;
		String body = "event: message\n\ndata: {\"content\":\"[s1c0t" + sent + "] \"}\n\ndata: {\"content\":\"[s1c1t"
				+ sent + "] [s1c2t" + sent + "] \"}\n\ndata: [DONE]\n\n";
		AgentsLoad.Streamed stream = AgentsLoad.read(new BufferedReader(new StringReader(body)), 0, System.nanoTime(),
				200);
		assertThat(stream.firstDelayMicros()).isGreaterThanOrEqualTo(7_000);
		assertThat(stream.markers()).isEqualTo(3);
		assertThat(stream.done()).isTrue();
	}

	@Test
	void readWhenStreamEndsWithoutDoneThenIncomplete() throws IOException {
		AgentsLoad.Streamed stream = AgentsLoad
			.read(new BufferedReader(new StringReader("data: {\"content\":\"x\"}\n")), 0, System.nanoTime(), 200);
		assertThat(stream.ok()).isFalse();
		assertThat(AgentsLoad.StreamSummary.of(List.of(stream), List.of()).toString())
			.startsWith("STREAMS streams=1 ok=0 non_200=0 incomplete=1 no_marker=1 errors=0 first_token_p50_ms= ");
	}

	@Test
	void readWhenProviderNdjsonThenMarkersTimedAndDoneLineEndsIt() throws IOException {
		long sent = AgentsLoad.epochMicros() - 3_000;
		String body = "{\"message\":{\"content\":\"[s1c0t" + sent + "] \"},\"done\":false}\n"
				+ "{\"message\":{\"content\":\"[s1c1t" + sent + "] \"},\"done\":false}\n"
				+ "{\"message\":{\"content\":\"\"},\"done\":true,\"eval_count\":2}\n";
		AgentsLoad.Streamed stream = AgentsLoad.read(new BufferedReader(new StringReader(body)), 0, System.nanoTime(),
				200);
		assertThat(stream.firstDelayMicros()).isGreaterThanOrEqualTo(3_000);
		assertThat(stream.markers()).isEqualTo(2);
		assertThat(stream.ok()).isTrue();
	}

	@Test
	void readWhenServiceSendsAnErrorEventThenNotOk() throws IOException {
		String body = "data: {\"content\":\"[s1c0t" + AgentsLoad.epochMicros()
				+ "] \"}\n\ndata: {\"content\":\"\",\"error\":\"The run failed\"}\n\ndata: [DONE]\n\n";
		AgentsLoad.Streamed stream = AgentsLoad.read(new BufferedReader(new StringReader(body)), 0, System.nanoTime(),
				200);
		assertThat(stream.done()).isTrue();
		assertThat(stream.error()).isEqualTo("error-event");
		assertThat(stream.ok()).isFalse();
	}

	@Test
	void percentileWhenNearestRankThenValueOfTheRank() {
		double[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
		assertThat(AgentsLoad.percentile(sorted, 50)).isEqualTo(5);
		assertThat(AgentsLoad.percentile(sorted, 99)).isEqualTo(10);
		assertThat(AgentsLoad.percentile(sorted, 0)).isEqualTo(1);
		assertThat(AgentsLoad.percentile(new double[0], 50)).isNaN();
	}

	private static AgentsLoad.Run run(int status, long latencyMillis, boolean inWindow) {
		return new AgentsLoad.Run(0, status, latencyMillis * 1_000_000, inWindow, status == 200, "");
	}

	private AgentsLoad load() {
		return new AgentsLoad(this.client, "bench-token", Duration.ofSeconds(5));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			this.lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.calls.incrementAndGet();
			String path = exchange.getRequestURI().getPath();
			switch (path) {
				case "/developer/run" -> send(exchange, 200, "application/json", COMPLETED);
				case "/failing/run" -> send(exchange, 200, "application/json", "{\"status\":\"failed\"}");
				case "/agents/a/execute" -> stream(exchange);
				default -> send(exchange, 429, "application/problem+json", "{\"status\":429}");
			}
		}
	}

	private static void stream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (int i = 0; i < 3; i++) {
				String event = "data: {\"content\":\"[s1c" + i + "t" + AgentsLoad.epochMicros() + "] \"}\n\n";
				out.write(event.getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
