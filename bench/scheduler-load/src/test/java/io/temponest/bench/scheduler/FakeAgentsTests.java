package io.temponest.bench.scheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the fake agents service over HTTP: the run answer, the per-execution counting,
 * the stats line and the reset.
 */
class FakeAgentsTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private FakeAgents agents;

	@BeforeEach
	void start() throws IOException {
		this.agents = FakeAgents.start(0, Duration.ZERO);
	}

	@AfterEach
	void stop() {
		this.agents.close();
		this.client.close();
	}

	@Test
	void runWhenPostedThenCompletedResultAndCounted() throws Exception {
		HttpResponse<String> response = run("bench", "0b7d3c1e-0000-4000-8000-000000000001-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).isEqualTo(FakeAgents.RUN_RESPONSE);
		assertThat(this.agents.stats()).isEqualTo(new FakeAgents.Stats(1, 1, 0, 0, 0));
	}

	@Test
	void runWhenSameExecutionTwiceThenCountedAsRepeat() throws Exception {
		run("bench", "0b7d3c1e-0000-4000-8000-000000000001-1");
		run("other", "0b7d3c1e-0000-4000-8000-000000000001-2");
		run("bench", "0b7d3c1e-0000-4000-8000-000000000002-1");
		assertThat(this.agents.stats()).isEqualTo(new FakeAgents.Stats(3, 2, 1, 0, 0));
	}

	@Test
	void runWhenNoRequestIdThenCountedAsUnkeyed() throws Exception {
		HttpResponse<String> response = this.client.send(post("/bench/run").build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.agents.stats()).isEqualTo(new FakeAgents.Stats(1, 0, 0, 1, 0));
	}

	@Test
	void tokenExchangeWhenPostedThenAnAccessTokenAndNoRunCounted() throws Exception {
		HttpResponse<String> response = this.client.send(post(FakeAgents.TOKEN_EXCHANGE_PATH).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"access_token\": \"bench-token\"").contains("\"expires_in\": 300");
		assertThat(this.agents.stats()).isEqualTo(new FakeAgents.Stats(0, 0, 0, 0, 0));
	}

	@Test
	void requestWhenNotARunThenNotFoundAndCountedAsRejected() throws Exception {
		assertThat(this.client.send(post("/bench/other").build(), BodyHandlers.ofString()).statusCode()).isEqualTo(404);
		assertThat(this.client.send(get("/bench/run"), BodyHandlers.ofString()).statusCode()).isEqualTo(404);
		assertThat(this.agents.stats()).isEqualTo(new FakeAgents.Stats(0, 0, 0, 0, 2));
	}

	@Test
	void statsWhenRequestedThenOneParsableLine() throws Exception {
		run("bench", "0b7d3c1e-0000-4000-8000-000000000001-1");
		HttpResponse<String> response = this.client.send(get("/stats"), BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("AGENTS runs=1 executions=1 repeats=0 unkeyed=0 rejected=0\n");
	}

	@Test
	void resetWhenPostedThenPreviousCountsReturnedAndZeroed() throws Exception {
		run("bench", "0b7d3c1e-0000-4000-8000-000000000001-1");
		HttpResponse<String> response = this.client.send(post("/reset").build(), BodyHandlers.ofString());
		assertThat(response.body()).startsWith("AGENTS runs=1 executions=1 ");
		assertThat(this.agents.stats()).isEqualTo(new FakeAgents.Stats(0, 0, 0, 0, 0));
		run("bench", "0b7d3c1e-0000-4000-8000-000000000001-1");
		assertThat(this.agents.stats().repeats()).isZero();
	}

	@Test
	void warmUpWhenDoneThenCountersForgotten() throws Exception {
		run("bench", "0b7d3c1e-0000-4000-8000-000000000001-1");
		this.agents.warmUp(50);
		assertThat(this.agents.stats()).isEqualTo(new FakeAgents.Stats(0, 0, 0, 0, 0));
	}

	@Test
	void runWhenDelayedThenAnswersAfterTheDelay() throws Exception {
		this.agents.close();
		this.agents = FakeAgents.start(0, Duration.ofMillis(200));
		long start = System.nanoTime();
		run("bench", "0b7d3c1e-0000-4000-8000-000000000001-1");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	private HttpResponse<String> run(String agent, String requestId) throws Exception {
		HttpRequest request = post("/" + agent + "/run").header("X-Request-ID", requestId).build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private HttpRequest.Builder post(String path) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"task\":\"t\"}"));
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET().build();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.agents.port() + path);
	}

}
