package io.temponest.agents.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.TestEnvironment;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries to a real HTTP receiver (WireMock at 127.0.0.2, the one address the tests'
 * allow-list lets through): signed bytes verified apart, a receiver down then up gets
 * every delivery once and in order, a dead letter after the retries (and in the gauge),
 * events of a project run, and the SSRF guard at delivery time (a refused address, a
 * redirect to loopback).
 */
@AgentsIntegrationTest
class WebhookDeliveryIntegrationTests {

	private static final String SECRET = "whsec-known-secret-for-the-test-0123456789";

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void testDeliveryWhenReceiverAnswersThenSignedExactBytesWithHeaders() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).willReturn(WireMock.ok("thanks")));
		String webhook = create(caller, path,
				"\"events\":[\"run.failed\"],\"secret\":\"" + SECRET + "\",\"headers\":{\"X-Team\":\"core\"}");
		JsonNode queued = body(this.mvc.perform(caller.post("", "/webhooks/{id}/test", webhook)), 202);
		String delivery = queued.get("id").asString();
		assertThat(queued.get("status").asString()).isEqualTo("pending");

		await().atMost(WAIT).until(() -> received(path).size() == 1);
		LoggedRequest request = received(path).get(0);
		byte[] bytes = request.getBody();
		String timestamp = request.getHeader("X-Webhook-Timestamp");
		assertThat(request.getHeader("X-Webhook-Signature")).isEqualTo("sha256=" + hmac(SECRET, timestamp, bytes));
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
		assertThat(request.getHeader("X-Webhook-Id")).isEqualTo(webhook);
		assertThat(request.getHeader("X-Webhook-Event")).isEqualTo("webhook.test");
		assertThat(request.getHeader("X-Webhook-Delivery")).isEqualTo(delivery);
		assertThat(request.getHeader("X-Team")).isEqualTo("core");
		JsonNode payload = this.json.readTree(bytes);
		assertThat(request.getHeader("X-Webhook-Event-Id")).isEqualTo(payload.get("id").asString());
		assertThat(payload.get("type").asString()).isEqualTo("webhook.test");
		assertThat(payload.get("tenant_id").asString()).isEqualTo(caller.tenantId().toString());
		assertThat(payload.get("data").get("webhook_id").asString()).isEqualTo(webhook);
		assertThat(Long.parseLong(timestamp)).isEqualTo(this.clock.instant().getEpochSecond());

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery(caller, delivery).get("status").asString()).isEqualTo("success"));
		JsonNode done = delivery(caller, delivery);
		assertThat(done.get("attempts").asInt()).isEqualTo(1);
		assertThat(done.get("response_status").asInt()).isEqualTo(200);
		assertThat(done.get("response_body").asString()).isEqualTo("thanks");
		assertThat(done.get("payload").get("id").asString()).isEqualTo(payload.get("id").asString());
		JsonNode envelope = ok(this.mvc.perform(caller.get("/webhooks/{id}/deliveries?page=1", webhook)));
		assertThat(envelope.get("total").asLong()).isEqualTo(1);
		assertThat(envelope.get("deliveries").get(0).get("status").asString()).isEqualTo("delivered");
		JsonNode array = ok(
				this.mvc.perform(caller.get("/webhooks/{id}/deliveries?skip=0&limit=5&status=success", webhook)));
		assertThat(array).hasSize(1);
	}

	@Test
	void receiverDownThenUpWhenRetriedThenEachDeliveredOnceInOrder() {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5).willReturn(WireMock.status(503)));
		String webhook = create(caller, path,
				"\"events\":[\"run.failed\"],\"max_retries\":5,\"retry_delay_seconds\":10");
		List<String> deliveries = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			deliveries
				.add(body(this.mvc.perform(caller.post("", "/webhooks/{id}/test", webhook)), 202).get("id").asString());
		}
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode first = delivery(caller, deliveries.get(0));
			assertThat(first.get("status").asString()).isEqualTo("retrying");
			assertThat(first.get("response_status").asInt()).isEqualTo(503);
		});
		assertThat(received(path)).extracting((request) -> request.getHeader("X-Webhook-Delivery"))
			.containsOnly(deliveries.get(0));
		assertThat(delivery(caller, deliveries.get(1)).get("attempts").asInt()).isZero();

		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(1).willReturn(WireMock.ok()));
		this.clock.advance(Duration.ofHours(2));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(deliveries)
				.allSatisfy((id) -> assertThat(delivery(caller, id).get("status").asString()).isEqualTo("success")));
		List<String> accepted = new ArrayList<>();
		List<ServeEvent> events = new ArrayList<>(TestEnvironment.receiver().getAllServeEvents());
		events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
		for (ServeEvent event : events) {
			if (event.getRequest().getUrl().equals(path) && event.getResponse().getStatus() == 200) {
				accepted.add(event.getRequest().getHeader("X-Webhook-Delivery"));
			}
		}
		assertThat(accepted).containsExactlyElementsOf(deliveries);
	}

	@Test
	void receiverFailingWhenRetriesSpentThenDeadLetterAndRetrySendsAgain() {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5).willReturn(WireMock.serverError()));
		String webhook = create(caller, path,
				"\"events\":[\"run.failed\"],\"max_retries\":1,\"retry_delay_seconds\":10");
		String delivery = body(this.mvc.perform(caller.post("", "/webhooks/{id}/test", webhook)), 202).get("id")
			.asString();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery(caller, delivery).get("status").asString()).isEqualTo("retrying"));
		this.clock.advance(Duration.ofHours(2));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery(caller, delivery).get("status").asString()).isEqualTo("failed"));
		JsonNode dead = delivery(caller, delivery);
		assertThat(dead.get("attempts").asInt()).isEqualTo(2);
		assertThat(dead.get("max_attempts").asInt()).isEqualTo(2);
		assertThat(dead.get("error").asString()).contains("Gave up after 2").contains("500");
		assertThat(received(path)).hasSize(2);
		await().atMost(WAIT).until(() -> gauge("temponest_webhook_dead_letters") >= 1);

		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(1).willReturn(WireMock.ok()));
		JsonNode retried = body(this.mvc.perform(caller.post("", "/webhooks/deliveries/{id}/retry/", delivery)), 202);
		assertThat(retried.get("status").asString()).isEqualTo("pending");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery(caller, delivery).get("status").asString()).isEqualTo("success"));
		assertThat(received(path)).hasSize(3);
	}

	@Test
	void projectRunWhenStartedThenDeliveredToSubscribedWebhookOnly() {
		ApiCaller caller = ApiCaller.newTenant(List.of("agents:read", "agents:execute", "webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		String quietPath = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver().stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).willReturn(WireMock.ok()));
		TestEnvironment.receiver().stubFor(WireMock.post(WireMock.urlPathEqualTo(quietPath)).willReturn(WireMock.ok()));
		String webhook = create(caller, path, "\"events\":[\"run.started\"]");
		String quiet = create(caller, quietPath, "\"events\":[\"run.cancelled\"]");
		body(this.mvc.perform(caller.post("{\"name\":\"Hooked\"}", "/api/projects")), 201);
		String run = body(this.mvc.perform(
				caller.post("{\"step\":\"Developer: build\",\"status\":\"running\"}", "/api/projects/hooked/runs")),
				201)
			.get("id")
			.asString();

		await().atMost(WAIT).until(() -> received(path).size() == 1);
		LoggedRequest request = received(path).get(0);
		assertThat(request.getHeader("X-Webhook-Event")).isEqualTo("run.started");
		JsonNode payload = this.json.readTree(request.getBody());
		assertThat(payload.get("type").asString()).isEqualTo("run.started");
		assertThat(payload.get("data").get("resource_id").asString()).isEqualTo(run);
		assertThat(payload.get("data").get("details").get("project").asString()).isEqualTo("hooked");
		assertThat(request.getHeader("X-Webhook-Event-Id")).isEqualTo(payload.get("id").asString());
		JsonNode deliveries = ok(this.mvc.perform(caller.get("/webhooks/{id}/deliveries", webhook)));
		assertThat(deliveries).hasSize(1);
		assertThat(deliveries.get(0).get("event_type").asString()).isEqualTo("run.started");
		assertThat(ok(this.mvc.perform(caller.get("/webhooks/{id}/deliveries", quiet)))).isEmpty();
		assertThat(received(quietPath)).isEmpty();
	}

	@Test
	void relayedEventWhenSubscribedThenDeliveredOnceWithTheRelayedId() {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver().stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).willReturn(WireMock.ok()));
		String webhook = create(caller, path, "\"events\":[\"schedule.triggered\"]");
		ApiCaller scheduler = ApiCaller.anonymous()
			.bearer(TestTokens.sign(TestTokens.accessClaims(caller.userId(), caller.tenantId(), List.of("agents:read"))
				.claim("act", Map.of("sub", "scheduler"))
				.build()));
		UUID event = UUID.randomUUID();
		String batch = """
				{"events":[{"id":"%s","type":"schedule.triggered","occurred_at":"2026-12-07T08:00:00Z","level":"info",
				 "message":"Schedule nightly triggered","resource_type":"schedule","resource_id":"nightly"},
				 {"id":"%s","type":"schedule.created","occurred_at":"2026-12-07T08:00:00Z","level":"info",
				 "message":"Schedule nightly created"}]}""".formatted(event, UUID.randomUUID());
		body(this.mvc.perform(scheduler.post(batch, "/internal/events")), 202);
		body(this.mvc.perform(scheduler.post(batch, "/internal/events")), 202);
		assertThat(ok(this.mvc.perform(caller.get("/webhooks/{id}/deliveries", webhook)))).hasSize(1);

		await().atMost(WAIT).until(() -> received(path).size() == 1);
		LoggedRequest request = received(path).get(0);
		assertThat(request.getHeader("X-Webhook-Event")).isEqualTo("schedule.triggered");
		assertThat(request.getHeader("X-Webhook-Event-Id")).isEqualTo(event.toString());
		JsonNode payload = this.json.readTree(request.getBody());
		assertThat(payload.get("occurred_at").asString()).isEqualTo("2026-12-07T08:00:00Z");
		assertThat(payload.get("data").get("service").asString()).isEqualTo("scheduler");
		assertThat(payload.get("data").get("resource_id").asString()).isEqualTo("nightly");
	}

	@Test
	void deliveryWhenUrlNowReachesLoopbackThenFailsWithoutRequest() {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver().stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).willReturn(WireMock.ok()));
		String webhook = create(caller, path, "\"events\":[\"run.failed\"],\"max_retries\":0");
		this.transactions.run(caller.tenantId(),
				() -> this.jdbc.sql("UPDATE agents.webhooks SET url = :url WHERE id = :id")
					.param("url", "http://127.0.0.1:" + TestEnvironment.receiver().port() + path)
					.param("id", UUID.fromString(webhook))
					.update());
		String delivery = body(this.mvc.perform(caller.post("", "/webhooks/{id}/test", webhook)), 202).get("id")
			.asString();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery(caller, delivery).get("status").asString()).isEqualTo("failed"));
		assertThat(delivery(caller, delivery).get("error").asString()).contains("Not sent").contains("loopback");
		assertThat(received(path)).isEmpty();
	}

	@Test
	void deliveryWhenReceiverRedirectsToLoopbackThenNotFollowed() {
		ApiCaller caller = ApiCaller.newTenant(List.of("webhooks:manage"));
		String path = "/hooks/" + UUID.randomUUID();
		String target = "/hooks/" + UUID.randomUUID();
		TestEnvironment.receiver()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(path))
				.willReturn(
						WireMock.temporaryRedirect("http://127.0.0.1:" + TestEnvironment.receiver().port() + target)));
		TestEnvironment.receiver().stubFor(WireMock.post(WireMock.urlPathEqualTo(target)).willReturn(WireMock.ok()));
		String webhook = create(caller, path, "\"events\":[\"run.failed\"],\"max_retries\":0");
		String delivery = body(this.mvc.perform(caller.post("", "/webhooks/{id}/test", webhook)), 202).get("id")
			.asString();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery(caller, delivery).get("status").asString()).isEqualTo("failed"));
		JsonNode dead = delivery(caller, delivery);
		assertThat(dead.get("response_status").asInt()).isBetween(300, 399);
		assertThat(dead.get("error").asString()).contains("redirects are not followed");
		assertThat(received(path)).hasSize(1);
		assertThat(received(target)).isEmpty();
	}

	/** A gauge as scraped (every tenant's deliveries, so at least this test's). */
	private double gauge(String name) {
		MvcTestResult scrape = this.mvc.perform(ApiCaller.anonymous().get("/actuator/prometheus"));
		assertThat(scrape).hasStatusOk();
		Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(ApiCaller.body(scrape));
		assertThat(value.find()).as(name).isTrue();
		return Double.parseDouble(value.group(1));
	}

	private String create(ApiCaller caller, String path, String fields) {
		return body(this.mvc.perform(caller.post(
				"{\"name\":\"receiver\",\"url\":\"" + TestEnvironment.receiverUrl(path) + "\"," + fields + "}",
				"/webhooks/")), 201)
			.get("id")
			.asString();
	}

	private JsonNode delivery(ApiCaller caller, String id) {
		return ok(this.mvc.perform(caller.get("/webhooks/deliveries/{id}", id)));
	}

	private static List<LoggedRequest> received(String path) {
		return TestEnvironment.receiver().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(path)));
	}

	private static String hmac(String secret, String timestamp, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] signed = new byte[timestamp.length() + 1 + body.length];
		byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(prefix, 0, signed, 0, prefix.length);
		System.arraycopy(body, 0, signed, prefix.length, body.length);
		return HexFormat.of().formatHex(mac.doFinal(signed));
	}

	private static JsonNode ok(MvcTestResult result) {
		return body(result, 200);
	}

	private static JsonNode body(MvcTestResult result, int status) {
		assertThat(result).as(() -> ApiCaller.body(result)).hasStatus(status);
		return ApiCaller.json(result);
	}

}
