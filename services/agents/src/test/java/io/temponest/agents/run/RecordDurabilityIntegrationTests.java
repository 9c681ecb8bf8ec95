package io.temponest.agents.run;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TcpProxy;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run the provider answered is recorded even when the database goes away while the
 * provider thinks: the write waits for it (through a TCP proxy the test cuts, never the
 * machine's PostgreSQL) instead of answering 503 and losing the paid answer. When the
 * database stays away longer than that patience, the run's idempotency key is not held
 * for a day: it lapses after its lease and a retry runs.
 */
@AgentsIntegrationTest
class RecordDurabilityIntegrationTests {

	private final TcpProxy database = TestInfrastructure.get().postgresProxy();

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MutableClock clock;

	@Autowired
	private RunProperties properties;

	@AfterEach
	void restoreDatabase() {
		this.database.restore();
	}

	@Test
	void runWhenDatabaseCutWhileTheProviderAnswersThenRecordedOnceItIsBack() {
		String marker = "m" + UUID.randomUUID().toString().replace("-", "");
		answersAfter(marker, 1500);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		CompletableFuture<MvcTestResult> run = CompletableFuture
			.supplyAsync(() -> this.mvc.perform(caller.post("{\"task\":\"" + marker + "\"}", "/devops/run")));
		await().atMost(Duration.ofSeconds(10)).until(() -> providerCalls(marker) == 1);
		int refusedBefore = this.database.refusedConnections();

		this.database.cut();
		// the provider answers 1.5 s after the request: the run then finds no database
		// and,
		// rather than answering 503, keeps trying for as long as the cut lasts
		await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !run.isDone());
		assertThat(this.database.refusedConnections()).isGreaterThan(refusedBefore);
		this.database.restore();

		MvcTestResult result = run.join();
		assertThat(result).hasStatusOk();
		JsonNode body = ApiCaller.json(result);
		JsonNode execution = ApiCaller
			.json(this.mvc.perform(caller.get("/executions/{id}", body.get("task_id").asString())));
		assertThat(execution.get("status").asString()).isEqualTo("completed");
		assertThat(execution.get("tokens_used").get("total").asInt()).isEqualTo(7);
	}

	@Test
	void runWhenDatabaseStaysAwayLongerThanThePatienceThen503AndItsKeyLapsesAfterTheLeaseForARetry() {
		String marker = "k" + UUID.randomUUID().toString().replace("-", "");
		answersAfter(marker, 1000);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String body = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"" + marker + "\"}";
		CompletableFuture<MvcTestResult> first = CompletableFuture
			.supplyAsync(() -> this.mvc.perform(caller.post(body, "/devops/run")));
		await().atMost(Duration.ofSeconds(10)).until(() -> providerCalls(marker) == 1);

		this.database.cut();
		// the record gives up after its patience, and the key's release cannot reach the
		// database either: the key stays claimed
		assertThat(first.join()).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		this.database.restore();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.mvc.perform(caller.get("/executions"))).hasStatusOk());

		this.clock.advance(this.properties.idempotencyLease().plusSeconds(1));
		CompletableFuture<MvcTestResult> retry = CompletableFuture
			.supplyAsync(() -> this.mvc.perform(caller.post(body, "/devops/run")));
		await().atMost(Duration.ofSeconds(15)).until(retry::isDone);
		assertThat(retry.join()).hasStatusOk();
		assertThat(providerCalls(marker)).as("the retry ran the task again").isEqualTo(2);
	}

	/**
	 * The provider answers "done" (7 tokens) to prompts with the marker, after a delay.
	 */
	private void answersAfter(String marker, int delayMillis) {
		this.provider.stubFor(WireMock.post(WireMock.urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(1)
			.willReturn(WireMock.okJson("""
					{"model":"qwen2.5:0.5b","created_at":"2026-12-07T00:00:00Z",
					 "message":{"role":"assistant","content":"done"},
					 "done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":4}""")
				.withFixedDelay(delayMillis)));
	}

	private int providerCalls(String marker) {
		return this.provider
			.countRequestsMatching(
					postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)).build())
			.getCount();
	}

}
