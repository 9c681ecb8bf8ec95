package io.temponest.scheduler.api;

import java.net.URI;

import java.util.Map;
import java.util.UUID;

import io.temponest.scheduler.SchedulerServiceApplication;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.testsupport.PlatformTestInfrastructure;
import io.temponest.testsupport.TestTokens;
import io.temponest.testsupport.api.ApiClient;
import io.temponest.testsupport.api.ApiContract;
import io.temponest.testsupport.api.DocumentRules;
import io.temponest.testsupport.api.HarnessReport;
import io.temponest.testsupport.api.HostileInputHarness;
import io.temponest.testsupport.api.OpenApiDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's OpenAPI document against the running service (real HTTP on a random
 * port, rate limits lifted): the document is usable by a client generator, every response
 * of a happy path keeps it, and hostile input to every documented operation never gives a
 * 5xx, a non-problem error, an echo or a slow answer.
 */
@SpringBootTest(classes = SchedulerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "temponest.scheduler.enabled=false", "temponest.scheduler.lease-grace=5s",
				"platform.ratelimit.enabled=false" })
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
class HostileInputIntegrationTests {

	private static final String SCHEDULE = """
			{"name":"Standup notes","cron_expression":"0 9 * * 1-5","timezone":"Europe/Berlin",
			 "agent_name":"developer","task_payload":{"task":"Summarise"}}""";

	@LocalServerPort
	private int port;

	private URI base;

	private OpenApiDocument document;

	private ApiContract contract;

	private final String token = TestTokens
		.sign(TestTokens.accessClaims(UUID.randomUUID(), UUID.randomUUID(), TestEnvironment.ALL_PERMISSIONS).build());

	@BeforeEach
	void readDocument() {
		this.base = URI.create("http://localhost:" + this.port);
		this.document = OpenApiDocument.fetch(this.base, "scheduler");
		this.contract = new ApiContract(this.document);
	}

	@Test
	void documentIsUsableByAClientGenerator() {
		assertThat(DocumentRules.check(this.document, DocumentRules.SNAKE_CASE)).isEmpty();
	}

	@Test
	void happyPathKeepsTheDocument() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/schedules", SCHEDULE).json().get("id").asString();
		String sdk = client
			.call("POST", "/schedules",
					"{\"agent_id\":\"qa\",\"cron_expression\":\"*/5 * * * *\","
							+ "\"task_config\":{\"suite\":\"smoke\"}}")
			.json()
			.get("id")
			.asString();
		client.call("POST", "/schedules", "{\"agent_name\":\"qa\",\"interval_seconds\":60,\"task_payload\":{}}");
		client.call("POST", "/schedules",
				"{\"agent_name\":\"qa\",\"scheduled_time\":\"2030-01-01T09:00:00Z\",\"task_payload\":{}}");
		client.call("GET", "/schedules", null);
		client.query("GET", "/schedules", "skip=0&limit=2&is_active=true", null);
		client.query("GET", "/schedules", "page=1&page_size=2&agent_name=developer", null);
		client.call("GET", "/schedules/{id}", null, id);
		client.call("PATCH", "/schedules/{id}", "{\"name\":\"Renamed\",\"timeout_seconds\":60}", id);
		client.call("PATCH", "/schedules/{id}", "{\"task_config\":{\"suite\":\"full\"}}", sdk);
		client.call("PATCH", "/schedules/{id}", "{}", id);
		client.call("PATCH", "/schedules/{id}", "{\"agent_name\":\"other\"}", id);
		client.call("POST", "/schedules", "{\"cron_expression\":\"0 9 * * *\",\"task_payload\":{}}");
		client.call("POST", "/schedules/{id}/pause", null, id);
		client.call("POST", "/schedules/{id}/resume", null, id);
		client.call("POST", "/schedules/{id}/trigger", null, id);
		client.call("GET", "/schedules/{id}/executions", null, id);
		client.query("GET", "/schedules/{id}/executions", "page=1&page_size=5&status=pending", null, id);
		client.call("GET", "/schedules/{id}", null, UUID.randomUUID());
		client.call("GET", "/health", null);
		client.call("DELETE", "/schedules/{id}", null, sdk);
		HarnessReport report = client.report();
		assertThat(report.failures()).as(report::describe).isEmpty();
	}

	@Test
	void hostileInputNeverBreaksTheRules() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/schedules", SCHEDULE).json().get("id").asString();
		HarnessReport report = HostileInputHarness.forService(this.base, this.document)
			.credentials(this::credentials)
			.pathValues((operation, name) -> name.equals("id") ? id : null)
			.validBody("POST", "/schedules", SCHEDULE)
			.validBody("PATCH", "/schedules/{id}", "{\"name\":\"Renamed\",\"timezone\":\"UTC\"}")
			.contract(this.contract)
			.build()
			.run();
		report.keep("scheduler");
		assertThat(report.requests()).isGreaterThan(300);
		report.assertClean();
	}

	private Map<String, String> credentials() {
		return Map.of("Authorization", "Bearer " + this.token);
	}

}
