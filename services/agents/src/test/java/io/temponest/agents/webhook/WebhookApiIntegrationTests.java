package io.temponest.agents.webhook;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.TestEnvironment;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The webhooks API under both clients' contracts: create, list, read, change, delete, a
 * new secret, the catalogue, deliveries, health; problems for bad input and refused URLs;
 * permissions; tenant isolation.
 */
@AgentsIntegrationTest
class WebhookApiIntegrationTests {

	private static final List<String> MANAGER = List.of("webhooks:manage");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createWhenSdkShapeThenSecretOnceAndSdkFieldsEchoed() {
		ApiCaller caller = ApiCaller.newTenant(MANAGER);
		JsonNode created = body(this.mvc.perform(caller.post("""
				{"name":"CI","url":"%s","events":["agent.execution.completed","schedule.triggered"],"secret":null,
				 "headers":{"X-Team":"core"},"retry_config":{"max_retries":2,"retry_delay_seconds":30}}"""
			.formatted(TestEnvironment.receiverUrl("/ci")), "/webhooks/")), 201);
		String secret = created.get("secret").asString();
		assertThat(secret).matches("[0-9a-f]{64}");
		assertThat(created.get("tenant_id").asString()).isEqualTo(caller.tenantId().toString());
		assertThat(strings(created.get("events"))).containsExactly("agent.execution.completed", "schedule.triggered");
		assertThat(created.get("headers").get("X-Team").asString()).isEqualTo("core");
		assertThat(created.get("custom_headers").get("X-Team").asString()).isEqualTo("core");
		assertThat(created.get("retry_config").get("max_retries").asInt()).isEqualTo(2);
		assertThat(created.get("retry_delay_seconds").asInt()).isEqualTo(30);
		assertThat(created.get("is_active").asBoolean()).isTrue();
		String id = created.get("id").asString();
		JsonNode read = ok(this.mvc.perform(caller.get("/webhooks/{id}", id)));
		assertThat(read.has("secret")).isFalse();
		assertThat(read.get("name").asString()).isEqualTo("CI");
		JsonNode list = ok(this.mvc.perform(caller.get("/webhooks/?skip=0&limit=10")));
		assertThat(list.isArray()).isTrue();
		assertThat(list).hasSize(1);
		assertThat(list.get(0).has("secret")).isFalse();
		JsonNode regenerated = ok(this.mvc.perform(caller.post("", "/webhooks/{id}/regenerate-secret", id)));
		assertThat(regenerated.get("secret_key").asString()).matches("[0-9a-f]{64}").isNotEqualTo(secret);
		assertThat(regenerated.get("secret").asString()).isEqualTo(regenerated.get("secret_key").asString());
	}

	@Test
	void createWhenServerShapeThenAliasesMappedAndEnvelopePaged() {
		ApiCaller caller = ApiCaller.newTenant(MANAGER);
		for (int i = 0; i < 3; i++) {
			JsonNode created = body(this.mvc.perform(caller.post("""
					{"name":"hook-%d","url":"https://hooks.example.com/%d","description":"d","events":["task.completed",
					 "budget.warning","budget.exceeded","approval.requested"],"custom_headers":{"X-Key":"v"},
					 "max_retries":5,"retry_delay_seconds":10,"timeout_seconds":5,"is_active":%s}""".formatted(i, i,
					i != 1), "/webhooks")), 201);
			assertThat(strings(created.get("events"))).containsExactly("agent.execution.completed", "budget.alert",
					"approval.requested");
			assertThat(created.get("max_retries").asInt()).isEqualTo(5);
			assertThat(created.get("timeout_seconds").asInt()).isEqualTo(5);
		}
		JsonNode page = ok(this.mvc.perform(caller.get("/webhooks?page=1&page_size=2")));
		assertThat(page.get("total").asLong()).isEqualTo(3);
		assertThat(page.get("page").asInt()).isEqualTo(1);
		assertThat(page.get("page_size").asInt()).isEqualTo(2);
		assertThat(names(page.get("webhooks"))).containsExactly("hook-2", "hook-1");
		JsonNode second = ok(this.mvc.perform(caller.get("/webhooks?page=2&page_size=2")));
		assertThat(names(second.get("webhooks"))).containsExactly("hook-0");
		JsonNode active = ok(this.mvc.perform(caller.get("/webhooks?page=1&is_active=false")));
		assertThat(names(active.get("webhooks"))).containsExactly("hook-1");
	}

	@Test
	void updateWhenFieldsGivenThenOnlyThoseChange() {
		ApiCaller caller = ApiCaller.newTenant(MANAGER);
		String id = create(caller, "https://hooks.example.com/a");
		JsonNode patched = ok(this.mvc.perform(caller.patch("""
				{"name":"Renamed","events":["run.failed"],"headers":{"X-A":"1"},"is_active":false}""",
				"/webhooks/{id}/", id)));
		assertThat(patched.get("name").asString()).isEqualTo("Renamed");
		assertThat(strings(patched.get("events"))).containsExactly("run.failed");
		assertThat(patched.get("custom_headers").get("X-A").asString()).isEqualTo("1");
		assertThat(patched.get("is_active").asBoolean()).isFalse();
		assertThat(patched.get("url").asString()).isEqualTo("https://hooks.example.com/a");
		JsonNode unchanged = ok(this.mvc.perform(caller.patch("{}", "/webhooks/{id}", id)));
		assertThat(strings(unchanged.get("events"))).containsExactly("run.failed");
		assertThat(unchanged.get("name").asString()).isEqualTo("Renamed");
		JsonNode retries = ok(this.mvc.perform(caller.patch("""
				{"retry_config":{"max_retries":0}}""", "/webhooks/{id}", id)));
		assertThat(retries.get("max_retries").asInt()).isZero();
		assertThat(retries.get("retry_delay_seconds").asInt()).isEqualTo(60);
	}

	@Test
	void deleteWhenDoneThenGoneAndNotFoundAfter() {
		ApiCaller caller = ApiCaller.newTenant(MANAGER);
		String id = create(caller, "https://hooks.example.com/gone");
		assertThat(this.mvc.perform(caller.delete("/webhooks/{id}/", id))).hasStatus(204);
		assertProblem(this.mvc.perform(caller.get("/webhooks/{id}", id)), 404);
		assertProblem(this.mvc.perform(caller.delete("/webhooks/{id}", id)), 404);
	}

	@Test
	void createWhenRefusedUrlThenProblem() {
		ApiCaller caller = ApiCaller.newTenant(MANAGER);
		for (String url : List.of("http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://169.254.169.254/latest",
				"http://10.0.0.1/hook", "http://localhost/hook", "http://192.168.0.10/hook", "http://[fd12::1]/hook")) {
			JsonNode problem = body(this.mvc.perform(caller.post("""
					{"name":"x","url":"%s","events":["run.failed"]}""".formatted(url), "/webhooks")), 422);
			assertThat(problem.get("detail").asString()).as(url).contains("must not reach");
		}
		String id = create(caller, "https://hooks.example.com/ok");
		assertProblem(this.mvc.perform(caller.patch("{\"url\":\"http://127.0.0.1/x\"}", "/webhooks/{id}", id)), 422);
		assertThat(ok(this.mvc.perform(caller.get("/webhooks/{id}", id))).get("url").asString())
			.isEqualTo("https://hooks.example.com/ok");
	}

	@Test
	void createWhenInvalidThenProblems() {
		ApiCaller caller = ApiCaller.newTenant(MANAGER);
		String url = "https://hooks.example.com/x";
		assertProblem(
				this.mvc.perform(
						caller.post("{\"name\":\"x\",\"url\":\"ftp://h/x\",\"events\":[\"run.failed\"]}", "/webhooks")),
				400, 422);
		assertProblem(
				this.mvc.perform(caller.post("{\"name\":\"x\",\"url\":\"" + url + "\",\"events\":[]}", "/webhooks")),
				400, 422);
		JsonNode unknown = body(this.mvc.perform(
				caller.post("{\"name\":\"x\",\"url\":\"" + url + "\",\"events\":[\"no.such.event\"]}", "/webhooks")),
				422);
		assertThat(unknown.get("detail").asString()).contains("events[0] is not a known event");
		assertProblem(this.mvc.perform(caller.post(
				"{\"name\":\"x\",\"url\":\"" + url
						+ "\",\"events\":[\"run.failed\"],\"headers\":{\"X-Webhook-Signature\":\"forged\"}}",
				"/webhooks")), 422);
		assertProblem(this.mvc.perform(caller.post(
				"{\"name\":\"x\",\"url\":\"" + url + "\",\"events\":[\"run.failed\"],\"headers\":{\"Bad Name\":\"v\"}}",
				"/webhooks")), 422);
		assertProblem(this.mvc.perform(
				caller.post("{\"name\":\"x\",\"url\":\"" + url + "\",\"events\":[\"run.failed\"],\"max_retries\":11}",
						"/webhooks")),
				400, 422);
		assertProblem(
				this.mvc.perform(caller.post(
						"{\"name\":\"x\",\"url\":\"" + url
								+ "\",\"events\":[\"run.failed\"],\"retry_config\":{\"retry_delay_seconds\":1}}",
						"/webhooks")),
				400, 422);
		assertProblem(this.mvc
			.perform(caller.post("{\"name\":\"\",\"url\":\"" + url + "\",\"events\":[\"run.failed\"]}", "/webhooks")),
				400, 422);
		assertProblem(this.mvc.perform(caller.get("/webhooks/not-a-uuid")), 400, 422);
		assertProblem(this.mvc.perform(caller.get("/webhooks?page_size=500")), 400, 422);
		assertProblem(this.mvc.perform(caller.get("/webhooks/{id}", UUID.randomUUID())), 404);
		assertProblem(this.mvc.perform(caller.get("/webhooks/deliveries/{id}", UUID.randomUUID())), 404);
		assertProblem(this.mvc.perform(caller.post("", "/webhooks/deliveries/{id}/retry", UUID.randomUUID())), 404);
		assertProblem(this.mvc.perform(caller.post("", "/webhooks/{id}/test", UUID.randomUUID())), 404);
	}

	@Test
	void eventsWhenListedThenCatalogueWithSdkNames() {
		ApiCaller reader = ApiCaller.newTenant(List.of("agents:read"));
		JsonNode events = ok(this.mvc.perform(reader.get("/webhooks/events/")));
		assertThat(strings(events)).contains("agent.execution.started", "agent.execution.completed",
				"agent.execution.failed", "schedule.fired", "schedule.triggered", "schedule.completed", "budget.alert",
				"cost.threshold.exceeded", "run.succeeded", "project.created", "webhook.test");
	}

	@Test
	void permissionsWhenMissingThenForbidden() {
		ApiCaller reader = ApiCaller.newTenant(List.of("agents:read"));
		ApiCaller manager = ApiCaller.ofTenant(reader.tenantId(), MANAGER);
		String id = create(manager, "https://hooks.example.com/p");
		assertThat(this.mvc.perform(reader.get("/webhooks/{id}", id))).hasStatus(200);
		assertThat(this.mvc.perform(reader.get("/webhooks"))).hasStatus(200);
		assertThat(this.mvc.perform(reader.get("/webhooks/{id}/deliveries", id))).hasStatus(200);
		assertProblem(this.mvc.perform(reader.post("""
				{"name":"x","url":"https://hooks.example.com/x","events":["run.failed"]}""", "/webhooks")), 403);
		assertProblem(this.mvc.perform(reader.patch("{\"name\":\"y\"}", "/webhooks/{id}", id)), 403);
		assertProblem(this.mvc.perform(reader.delete("/webhooks/{id}", id)), 403);
		assertProblem(this.mvc.perform(reader.post("", "/webhooks/{id}/regenerate-secret", id)), 403);
		assertProblem(this.mvc.perform(reader.post("", "/webhooks/{id}/test", id)), 403);
		assertThat(this.mvc.perform(reader.get("/webhooks/health/all"))).hasStatus(200);
		assertThat(this.mvc.perform(reader.get("/webhooks/{id}/health", id))).hasStatus(200);
		ApiCaller nobody = ApiCaller.ofTenant(reader.tenantId(), List.of("costs:read"));
		assertProblem(this.mvc.perform(nobody.get("/webhooks/{id}", id)), 403);
		assertProblem(this.mvc.perform(nobody.get("/webhooks/health/all")), 403);
		assertProblem(this.mvc.perform(nobody.get("/webhooks/{id}/health", id)), 403);
	}

	@Test
	void otherTenantWhenReadingOrWritingThenNotFound() {
		ApiCaller owner = ApiCaller.newTenant(MANAGER);
		ApiCaller other = ApiCaller.newTenant(MANAGER);
		String id = create(owner, "https://hooks.example.com/mine");
		String delivery = body(this.mvc.perform(owner.post("", "/webhooks/{id}/test", id)), 202).get("id").asString();
		assertProblem(this.mvc.perform(other.get("/webhooks/{id}", id)), 404);
		assertProblem(this.mvc.perform(other.patch("{\"name\":\"stolen\"}", "/webhooks/{id}", id)), 404);
		assertProblem(this.mvc.perform(other.delete("/webhooks/{id}", id)), 404);
		assertProblem(this.mvc.perform(other.post("", "/webhooks/{id}/regenerate-secret", id)), 404);
		assertProblem(this.mvc.perform(other.post("", "/webhooks/{id}/test", id)), 404);
		assertProblem(this.mvc.perform(other.get("/webhooks/{id}/deliveries", id)), 404);
		assertProblem(this.mvc.perform(other.get("/webhooks/deliveries/{id}", delivery)), 404);
		assertProblem(this.mvc.perform(other.post("", "/webhooks/deliveries/{id}/retry", delivery)), 404);
		assertThat(ok(this.mvc.perform(other.get("/webhooks")))).isEmpty();
		assertProblem(this.mvc.perform(other.get("/webhooks/{id}/health", id)), 404);
		assertThat(ok(this.mvc.perform(other.get("/webhooks/health/all"))).get("webhooks")).isEmpty();
		assertThat(ok(this.mvc.perform(owner.get("/webhooks/{id}", id))).get("name").asString()).isEqualTo("hook");
		assertThat(ok(this.mvc.perform(owner.get("/webhooks/deliveries/{id}", delivery))).get("event_type").asString())
			.isEqualTo("webhook.test");
	}

	@Test
	void healthWhenNoAttemptsYetThenEachWebhookByNameHealthyOrInactiveWithItsQueue() {
		ApiCaller reader = ApiCaller.newTenant(List.of("agents:read"));
		ApiCaller manager = ApiCaller.ofTenant(reader.tenantId(), MANAGER);
		String paused = body(this.mvc.perform(manager.post("""
				{"name":"beta","url":"https://hooks.example.com/beta","events":["run.failed"],"is_active":false}""",
				"/webhooks")), 201)
			.get("id")
			.asString();
		String active = body(this.mvc.perform(manager.post("""
				{"name":"alpha","url":"https://hooks.example.com/alpha","events":["run.failed"]}""", "/webhooks")), 201)
			.get("id")
			.asString();
		body(this.mvc.perform(manager.post("", "/webhooks/{id}/test", paused)), 202);
		body(this.mvc.perform(manager.post("", "/webhooks/{id}/test", paused)), 202);

		JsonNode all = ok(this.mvc.perform(reader.get("/webhooks/health/all"))).get("webhooks");
		assertThat(ok(this.mvc.perform(reader.get("/webhooks/health/all/"))).get("webhooks")).isEqualTo(all);
		assertThat(names(all)).containsExactly("alpha", "beta");
		JsonNode alpha = all.get(0);
		assertThat(alpha.get("id").asString()).isEqualTo(active);
		assertThat(alpha.get("tenant_id").asString()).isEqualTo(reader.tenantId().toString());
		assertThat(alpha.get("url").asString()).isEqualTo("https://hooks.example.com/alpha");
		assertThat(alpha.get("is_active").asBoolean()).isTrue();
		assertThat(alpha.get("status").asString()).isEqualTo("healthy");
		assertThat(alpha.get("recent_attempts").asLong()).isZero();
		assertThat(alpha.get("success_rate").isNull()).isTrue();
		assertThat(alpha.get("consecutive_failures").asInt()).isZero();
		assertThat(alpha.get("circuit_open_until").isNull()).isTrue();
		assertThat(alpha.get("last_delivery_at").isNull()).isTrue();
		assertThat(alpha.get("last_error").isNull()).isTrue();
		assertThat(alpha.get("pending_count").asLong()).isZero();
		assertThat(alpha.get("dead_letter_count").asLong()).isZero();
		JsonNode beta = all.get(1);
		assertThat(beta.get("status").asString()).isEqualTo("inactive");
		assertThat(beta.get("pending_count").asLong()).isEqualTo(2);
		assertThat(beta.get("retrying_count").asLong()).isZero();
		assertThat(ok(this.mvc.perform(reader.get("/webhooks/{id}/health", paused)))).isEqualTo(beta);
		assertThat(ok(this.mvc.perform(reader.get("/webhooks/{id}/health/", paused)))).isEqualTo(beta);
		assertProblem(this.mvc.perform(reader.get("/webhooks/{id}/health", UUID.randomUUID())), 404);
	}

	@Test
	void healthWhenBreakerStateChangesThenStatusFollowsAndNewUrlClosesTheCircuit() {
		ApiCaller manager = ApiCaller.newTenant(MANAGER);
		String id = create(manager, "https://hooks.example.com/breaker");
		Instant now = this.clock.instant();
		breaker(manager, id, 5, now.plus(Duration.ofHours(1)));
		JsonNode open = ok(this.mvc.perform(manager.get("/webhooks/{id}/health", id)));
		assertThat(open.get("status").asString()).isEqualTo("circuit_open");
		assertThat(open.get("consecutive_failures").asInt()).isEqualTo(5);
		assertThat(Instant.parse(open.get("circuit_open_until").asString())).isCloseTo(now.plus(Duration.ofHours(1)),
				within(1, ChronoUnit.MILLIS));
		breaker(manager, id, 5, now.minusSeconds(1));
		assertThat(ok(this.mvc.perform(manager.get("/webhooks/{id}/health", id))).get("status").asString())
			.isEqualTo("failing");
		breaker(manager, id, 1, null);
		assertThat(ok(this.mvc.perform(manager.get("/webhooks/{id}/health", id))).get("status").asString())
			.isEqualTo("degraded");

		breaker(manager, id, 5, now.plus(Duration.ofHours(1)));
		ok(this.mvc.perform(manager.patch("{\"name\":\"renamed\"}", "/webhooks/{id}", id)));
		assertThat(ok(this.mvc.perform(manager.get("/webhooks/{id}/health", id))).get("status").asString())
			.isEqualTo("circuit_open");
		ok(this.mvc.perform(manager.patch("{\"url\":\"https://hooks.example.com/breaker\"}", "/webhooks/{id}", id)));
		assertThat(ok(this.mvc.perform(manager.get("/webhooks/{id}/health", id))).get("status").asString())
			.isEqualTo("circuit_open");
		ok(this.mvc.perform(manager.patch("{\"url\":\"https://hooks.example.com/moved\"}", "/webhooks/{id}", id)));
		JsonNode moved = ok(this.mvc.perform(manager.get("/webhooks/{id}/health", id)));
		assertThat(moved.get("status").asString()).isEqualTo("healthy");
		assertThat(moved.get("consecutive_failures").asInt()).isZero();
		assertThat(moved.get("circuit_open_until").isNull()).isTrue();
	}

	/** Sets a webhook's breaker as the dispatcher would have left it. */
	private void breaker(ApiCaller caller, String id, int failures, @Nullable Instant openUntil) {
		this.transactions.run(caller.tenantId(), () -> this.jdbc
			.sql("""
					UPDATE agents.webhooks SET consecutive_failures = :failures, circuit_open_until = :until WHERE id = :id""")
			.param("failures", failures)
			.param("until", (openUntil != null) ? OffsetDateTime.ofInstant(openUntil, ZoneOffset.UTC) : null,
					Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", UUID.fromString(id))
			.update());
	}

	private String create(ApiCaller caller, String url) {
		return body(this.mvc.perform(caller.post("""
				{"name":"hook","url":"%s","events":["run.failed"]}""".formatted(url), "/webhooks")), 201).get("id")
			.asString();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static List<String> names(JsonNode webhooks) {
		List<String> names = new ArrayList<>();
		webhooks.forEach((webhook) -> names.add(webhook.get("name").asString()));
		return names;
	}

	private static JsonNode ok(MvcTestResult result) {
		return body(result, 200);
	}

	private static JsonNode body(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return ApiCaller.json(result);
	}

	private static void assertProblem(MvcTestResult result, int... statuses) {
		int status = result.getResponse().getStatus();
		assertThat(status).as(ApiCaller.body(result)).isIn(java.util.Arrays.stream(statuses).boxed().toList());
		JsonNode problem = ApiCaller.json(result);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

}
