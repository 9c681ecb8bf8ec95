package io.temponest.workers.activity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.workers.pipeline.AgentOutput;
import io.temponest.workers.pipeline.AgentRequest;
import io.temponest.workers.pipeline.ApprovalLookup;
import io.temponest.workers.pipeline.ApprovalRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HTTP activities against WireMock agents and approval services: request bodies,
 * answers read into payloads, an agent that answered with a failed run.
 */
class PipelineActivitiesTests {

	private static final WireMockServer SERVICES = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final String tenant = UUID.randomUUID().toString();

	private final String user = UUID.randomUUID().toString();

	private PipelineActivitiesImpl activities;

	@BeforeAll
	static void start() {
		SERVICES.start();
	}

	@AfterAll
	static void stop() {
		SERVICES.stop();
	}

	@BeforeEach
	void reset() {
		SERVICES.resetAll();
		SERVICES.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH))
			.willReturn(okJson("{\"access_token\": \"token-1\", \"expires_in\": 300}")));
		URI base = URI.create(SERVICES.baseUrl());
		ServiceTokenClient tokens = new ServiceTokenClient(RestClient.create(SERVICES.baseUrl()), "workers",
				"test-only-workers-client-secret-0123456789", List.of(), Duration.ofSeconds(30), 10, Clock.systemUTC());
		// the deployment recorder and the registry are not used by the HTTP activities
		this.activities = new PipelineActivitiesImpl(tokens,
				new CallProperties(base, base, Duration.ofSeconds(2), Duration.ofSeconds(10), 2), null, null,
				new SimpleMeterRegistry());
	}

	@Test
	void requestApprovalWhenCreatedThenItsIdAndTheApprovalServicesBody() {
		SERVICES.stubFor(post(urlEqualTo("/api/approvals")).withRequestBody(equalToJson("""
				{"workflow_id": "pipeline-1", "run_id": "run-1", "task_description": "Drop table",
				 "risk_level": "high", "context": {"task_index": 0, "agent": "developer"},
				 "required_approvers": 2, "idempotency_key": "pipeline-1-approval-0"}"""))
			.willReturn(okJson("{\"approval_id\": \"a-17\", \"status\": \"pending\"}").withStatus(201)));
		String id = this.activities.requestApproval(new ApprovalRequest("pipeline-1", "run-1", "Drop table", "high",
				Map.of("task_index", 0, "agent", "developer"), 2, "pipeline-1-approval-0", this.tenant, this.user));
		assertThat(id).isEqualTo("a-17");
	}

	@Test
	void requestApprovalWhenAnswerHasNoIdThenRetryableFailure() {
		SERVICES.stubFor(post(urlEqualTo("/api/approvals")).willReturn(okJson("{\"status\": \"pending\"}")));
		assertThatExceptionOfType(ApplicationFailure.class)
			.isThrownBy(() -> this.activities.requestApproval(
					new ApprovalRequest("w", "r", "t", "medium", Map.of(), 1, "k", this.tenant, this.user)))
			.satisfies((failure) -> assertThat(failure.isNonRetryable()).isFalse());
	}

	@Test
	void checkApprovalStatusWhenFoundThenItsJson() {
		SERVICES.stubFor(get(urlEqualTo("/api/approvals/a%2017"))
			.willReturn(okJson("{\"approval_id\": \"a 17\", \"status\": \"approved\"}")));
		assertThat(this.activities.checkApprovalStatus(new ApprovalLookup("a 17", this.tenant, this.user)))
			.containsEntry("status", "approved");
	}

	@Test
	void invokeAgentWhenCompletedThenResultAndCitationsOnTheRolesPath() {
		SERVICES.stubFor(post(urlEqualTo("/security-auditor/run")).willReturn(okJson("""
				{"task_id": "t-1", "status": "completed", "result": {"findings": ["none"]},
				 "citations": [{"source": "a"}, {"source": "b"}]}""")));
		AgentOutput output = this.activities.invokeAgent(new AgentRequest("security-auditor", "Audit", Map.of(),
				"key-task-0", "pipeline-1", "medium", this.tenant, this.user));
		assertThat(output.taskId()).isEqualTo("t-1");
		assertThat(output.result()).containsEntry("findings", List.of("none"));
		assertThat(output.citations()).hasSize(2);
		assertThat(SERVICES.findAll(postRequestedFor(urlEqualTo("/security-auditor/run"))
			.withRequestBody(WireMock.matchingJsonPath("$.idempotency_key", WireMock.equalTo("key-task-0")))))
			.hasSize(1);
	}

	@Test
	void invokeDeveloperWhenTheRunFailedThenNonRetryable() {
		SERVICES.stubFor(post(urlEqualTo("/developer/run"))
			.willReturn(okJson("{\"status\": \"failed\", \"error\": \"model refused\"}")));
		assertThatExceptionOfType(ApplicationFailure.class)
			.isThrownBy(() -> this.activities.invokeDeveloper(
					new AgentRequest("developer", "Build", Map.of(), "k", "w", null, this.tenant, this.user)))
			.satisfies((failure) -> {
				assertThat(failure.isNonRetryable()).isTrue();
				assertThat(failure.getOriginalMessage()).isEqualTo("Agent developer ended failed: model refused");
			});
	}

}
