package io.temponest.bench.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Tests of the load client against a stub of the console's routes: slugs from the project
 * list, project pages, the keyset walk to a deep page, KPI tiles, dashboard users, and
 * what counts as an error.
 */
class ConsoleLoadTests {

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private volatile boolean kpisExist = true;

	private HttpServer server;

	private ConsoleLoad load;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
		this.load = new ConsoleLoad(this.client, URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()),
				List.of("token-a", "token-b"), Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		this.executor.close();
		this.client.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String query = String.valueOf(exchange.getRequestURI().getQuery());
		String auth = exchange.getRequestHeaders().getFirst("Authorization");
		String body;
		int status = 200;
		if (auth == null || !auth.startsWith("Bearer token-")) {
			status = 401;
			body = "{}";
		}
		else if (path.equals("/api/dashboard/kpis")) {
			status = this.kpisExist ? 200 : 404;
			body = "{\"active_projects\":3}";
		}
		else if (path.equals("/api/projects")) {
			body = "{\"projects\":[{\"slug\":\"amber-falcon-1\"},{\"slug\":\"brisk-river-2\"}],\"total\":2,\"page\":1}";
		}
		else if (path.endsWith("/runs")) {
			int page = query.contains("cursor=c") ? Integer.parseInt(query.replaceAll(".*cursor=c(\\d+).*", "$1")) : 1;
			String next = (page < 30) ? "\"c" + (page + 1) + "\"" : "null";
			body = "{\"runs\":[],\"next_cursor\":" + next + ",\"limit\":20,\"page\":null,\"total\":600}";
		}
		else if (path.startsWith("/api/projects/")) {
			body = path.endsWith("missing-1") ? "{}" : "{\"slug\":\"" + path.substring(14) + "\"}";
			status = path.endsWith("missing-1") ? 404 : 200;
		}
		else {
			status = 404;
			body = "{}";
		}
		this.calls
			.computeIfAbsent(path.replaceAll("/api/projects/[a-z0-9-]+", "/api/projects/{slug}"),
					(k) -> new AtomicInteger())
			.incrementAndGet();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Test
	void detailsGetsAProjectAndItsFirstRunsPage() throws InterruptedException {
		ConsoleLoad.Summary summary = this.load.details(40, 4);
		assertThat(summary.errors()).isZero();
		assertThat(summary.fields()).containsEntry("requests", "40").containsEntry("statuses", "200:40");
		assertThat(this.calls.get("/api/projects/{slug}").get()).isEqualTo(40);
		assertThat(this.calls.get("/api/projects/{slug}/runs").get()).isEqualTo(40);
		assertThat(summary.line()).startsWith("CONSOLE mode=details requests=40 concurrency=4 errors=0 p50_ms=");
	}

	@Test
	void deepFollowsTheCursorToThePageAndComparesItWithTheFirst() {
		ConsoleLoad.Summary summary = this.load.deep("amber-falcon-1", 25, 20, 5);
		assertThat(summary.errors()).isZero();
		assertThat(summary.fields()).containsEntry("reached", "25").containsEntry("runs_total", "600");
		// 24 pages walked, then 5 first and 5 deep pages, then 5 by offset.
		assertThat(this.calls.get("/api/projects/{slug}/runs").get()).isEqualTo(24 + 15);
		assertThat(summary.fields()).containsKeys("first_p50_ms", "deep_p50_ms", "offset_p99_ms",
				"deep_over_first_p50");
	}

	@Test
	void deepCountsAnErrorWhenThePagesRunOut() {
		ConsoleLoad.Summary summary = this.load.deep("amber-falcon-1", 40, 20, 5);
		assertThat(summary.errors()).isEqualTo(1);
		assertThat(summary.fields()).containsEntry("reached", "30");
	}

	@Test
	void kpisCountsMissingRoutesAsErrors() throws InterruptedException {
		assertThat(this.load.kpis(20, 2).errors()).isZero();
		this.kpisExist = false;
		ConsoleLoad.Summary missing = this.load.kpis(20, 2);
		assertThat(missing.errors()).isEqualTo(22);
		assertThat(missing.fields()).containsEntry("statuses", "404:20").containsEntry("first_statuses", "404:2");
		ConsoleLoad.Summary firstsOnly = this.load.kpis(0, 1);
		assertThat(firstsOnly.fields()).containsEntry("requests", "0").containsEntry("first_statuses", "404:2");
	}

	@Test
	void dashboardUsersVisitEveryPartOfThePageInTheWindow() throws InterruptedException {
		ConsoleLoad.Summary summary = this.load.dashboard(4, Duration.ZERO, Duration.ofSeconds(1), 50, 100, true,
				false);
		assertThat(summary.errors()).isZero();
		int visits = this.calls.get("/api/dashboard/kpis").get();
		assertThat(visits).isPositive();
		assertThat(this.calls.get("/api/projects/{slug}/runs").get()).isEqualTo(visits);
		assertThat(summary.fields()).containsKeys("kpis_p99_ms", "list_p99_ms", "project_p99_ms", "runs_p99_ms")
			.doesNotContainKey("cards_p99_ms");
		assertThat(Long.parseLong(summary.fields().get("requests"))).isEqualTo(4L * visits);
	}

	@Test
	void percentilesAreNearestRank() {
		double[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
		assertThat(ConsoleLoad.percentile(sorted, 50)).isEqualTo(5);
		assertThat(ConsoleLoad.percentile(sorted, 95)).isEqualTo(10);
		assertThat(ConsoleLoad.percentile(new double[0], 99)).isZero();
		assertThat(ConsoleLoad.tokens("a, b c", "x")).containsExactly("a", "b", "c");
		assertThat(ConsoleLoad.tokens(null, "x")).containsExactly("x");
	}

}
