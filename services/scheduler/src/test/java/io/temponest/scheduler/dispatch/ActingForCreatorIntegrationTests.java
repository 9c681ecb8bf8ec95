package io.temponest.scheduler.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs act as the schedule's creator: the scheduler exchanges its client credentials for
 * the creator's token at the (WireMock) auth service and sends that token to the
 * (WireMock) agents service; a refused exchange fails the run at once, without retries.
 */
@SchedulerIntegrationTest
class ActingForCreatorIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	Polls polls;

	@BeforeEach
	void drainOtherTestsWork() throws InterruptedException {
		AgentStubs.completing();
		this.polls.runUntilIdle();
	}

	@Test
	void runWhenDueThenAgentCalledWithTheCreatorsExchangedToken() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String token = "creator-token-" + api.userId();
		TestEnvironment.auth()
			.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH)).atPriority(1)
				.withFormParam("subject_token", equalTo(api.userId().toString()))
				.willReturn(okJson("{\"access_token\": \"" + token + "\", \"expires_in\": 300}")));
		JsonNode schedule = create(api, "{\"interval_seconds\": 60, \"agent_name\": \"developer\"}");
		this.clock.advance(Duration.ofSeconds(61));
		this.polls.runUntilIdle();
		assertThat(executions(api, schedule).get(0).get("status").asString()).isEqualTo("completed");
		TestEnvironment.auth()
			.verify(1,
					postRequestedFor(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH))
						.withHeader("Authorization", equalTo(basic("scheduler", TestEnvironment.SERVICE_CLIENT_SECRET)))
						.withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:token-exchange"))
						.withFormParam("subject_token", equalTo(api.userId().toString()))
						.withFormParam("tenant_id", equalTo(api.tenantId().toString()))
						.withFormParam("scope", equalTo("agents:execute")));
		TestEnvironment.agents()
			.verify(1,
					postRequestedFor(urlPathEqualTo("/developer/run"))
						.withHeader("X-Tenant-ID", equalTo(api.tenantId().toString()))
						.withHeader("Authorization", equalTo("Bearer " + token)));
		// the next run reuses the cached token
		this.clock.advance(Duration.ofSeconds(60));
		this.polls.runUntilIdle();
		assertThat(AgentStubs.runsRequested(api.tenantId())).isEqualTo(2);
		assertThat(exchanges(api)).isOne();
	}

	@Test
	void runWhenCreatorRefusedThenFailedAtOnceWithTheReasonAndNeverRetried() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		TestEnvironment.auth()
			.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH)).atPriority(1)
				.withFormParam("subject_token", equalTo(api.userId().toString()))
				.willReturn(aResponse().withStatus(400)
					.withHeader("Content-Type", "application/problem+json")
					.withBody("{\"type\": \"about:blank\", \"status\": 400, "
							+ "\"detail\": \"User account is inactive\", \"error\": \"invalid_grant\"}")));
		JsonNode schedule = create(api, """
				{"interval_seconds": 3600, "agent_name": "developer", "max_retries": 3, "retry_delay_seconds": 1}
				""");
		this.clock.advance(Duration.ofSeconds(3601));
		this.polls.runUntilIdle();
		JsonNode run = executions(api, schedule).get(0);
		assertThat(run.get("status").asString()).isEqualTo("failed");
		assertThat(run.get("retry_count").asInt()).isZero();
		assertThat(run.get("error_message").asString())
			.isEqualTo("The user this run acts for may not run agents any more: "
					+ "Token exchange refused (400 invalid_grant): User account is inactive");
		this.clock.advance(Duration.ofSeconds(30));
		this.polls.runUntilIdle();
		assertThat(executions(api, schedule).size()).isOne();
		assertThat(exchanges(api)).isOne();
		assertThat(AgentStubs.runsRequested(api.tenantId())).isZero();
	}

	private JsonNode create(ApiCaller api, String body) throws Exception {
		return json(this.mvc, api.post(body, "/schedules"), 201);
	}

	private JsonNode executions(ApiCaller api, JsonNode schedule) throws Exception {
		return json(this.mvc, api.get("/schedules/{id}/executions", schedule.get("id").asString()), 200);
	}

	private static int exchanges(ApiCaller api) {
		return TestEnvironment.auth()
			.countRequestsMatching(WireMock.postRequestedFor(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH))
				.withFormParam("subject_token", equalTo(api.userId().toString()))
				.build())
			.getCount();
	}

	private static String basic(String clientId, String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
