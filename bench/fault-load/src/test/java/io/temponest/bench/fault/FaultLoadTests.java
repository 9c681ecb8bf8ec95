package io.temponest.bench.fault;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the load client against a fake auth service: the refresh rotation it keeps,
 * the logged-out user it records, and its request lines.
 */
class FaultLoadTests {

	private final Deque<Integer> refreshStatuses = new ArrayDeque<>();

	private final Deque<String> refreshBodies = new ArrayDeque<>();

	private final StringWriter lines = new StringWriter();

	private HttpServer server;

	private HttpClient client;

	private FaultLoad load;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/auth/refresh", this::refresh);
		this.server.createContext("/auth/me", (exchange) -> answer(exchange, 200, "{}"));
		this.server.start();
		this.client = HttpClient.newHttpClient();
		URI base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		this.load = new FaultLoad(this.client, base, base, "pw", new BufferedWriter(this.lines));
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		this.client.close();
	}

	@Test
	void refreshWhenRotatedThenNewestTokenKeptAndSentNext() {
		FaultLoad.User user = new FaultLoad.User("u@example.com");
		user.take("{\"access_token\":\"a0\",\"refresh_token\":\"r0\"}");
		this.refreshStatuses.addAll(List.of(200, 200));
		this.load.refresh(user);
		this.load.refresh(user);
		assertThat(this.refreshBodies).containsExactly("{\"refresh_token\":\"r0\"}", "{\"refresh_token\":\"r1\"}");
		assertThat(user.refresh).isEqualTo("r2");
		assertThat(user.access).isEqualTo("a2");
		assertThat(user.loggedOut).isFalse();
	}

	@Test
	void refreshWhenUnavailableThenSameTokenRetriedAndWhen401ThenLoggedOut() {
		FaultLoad.User user = new FaultLoad.User("u@example.com");
		user.take("{\"access_token\":\"a0\",\"refresh_token\":\"r0\"}");
		this.refreshStatuses.addAll(List.of(503, 401));
		this.load.refresh(user);
		assertThat(user.loggedOut).isFalse();
		this.load.refresh(user);
		assertThat(user.loggedOut).isTrue();
		this.load.refresh(user);
		assertThat(this.refreshBodies).containsExactly("{\"refresh_token\":\"r0\"}", "{\"refresh_token\":\"r0\"}");
		assertThat(this.lines.toString().lines().map((line) -> line.split("\t")))
			.extracting((fields) -> fields[1] + " " + fields[2] + " " + fields[4])
			.containsExactly("refresh 503 u@example.com", "refresh 401 u@example.com", "me 200 u@example.com");
	}

	@Test
	void optionsWhenPairsThenByKey() {
		assertThat(FaultLoad.options(new String[] { "load", "--users", "3", "--rate", "20" }))
			.containsEntry("users", "3")
			.containsEntry("rate", "20")
			.hasSize(2);
	}

	private void refresh(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		synchronized (this.refreshBodies) {
			this.refreshBodies.add(body);
		}
		int status = this.refreshStatuses.isEmpty() ? 500 : this.refreshStatuses.removeFirst();
		int n = this.refreshBodies.size();
		answer(exchange, status,
				(status == 200) ? "{\"access_token\":\"a" + n + "\",\"refresh_token\":\"r" + n + "\"}" : "{}");
	}

	private static void answer(HttpExchange exchange, int status, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
