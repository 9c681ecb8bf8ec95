package io.temponest.workers.temporal;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temponest.workers.pipeline.AgentOutput;
import io.temponest.workers.pipeline.AgentRequest;
import io.temponest.workers.pipeline.ApprovalLookup;
import io.temponest.workers.pipeline.ApprovalRequest;
import io.temponest.workers.pipeline.DeploymentRecord;
import io.temponest.workers.pipeline.DeploymentRequest;
import io.temponest.workers.pipeline.PipelineActivities;
import io.temponest.workers.pipeline.PipelineOutcome;
import io.temponest.workers.pipeline.SimpleTaskInput;
import io.temponest.workers.pipeline.SimpleTaskWorkflow;
import io.temponest.workers.pipeline.ValidationResult;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production wiring: with the development fallback on and nothing at the address, the
 * Java test server is bound to that port, the worker polls it, health is up, and a
 * {@code SimpleTaskWorkflow} started by a client of that address runs on the named agent,
 * and the client sends no keep-alive pings; without the fallback the context starts
 * anyway (stubs connect lazily) and health says Temporal is down.
 */
class TemporalConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(Infrastructure.class, TemporalConfiguration.class);

	@Test
	void devServerWhenNothingAnswersThenBoundAndTheWorkerRunsWorkflows() throws Exception {
		int port = freePort();
		this.contexts
			.withPropertyValues("temponest.workers.temporal.address=127.0.0.1:" + port,
					"temponest.workers.temporal.dev-server=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DevTemporalServer.class).started()).isTrue();
				assertThat(context.getBean(WorkflowServiceStubs.class).getOptions().getEnableKeepAlive())
					.as("no keep-alive pings, which the test server answers with GOAWAY")
					.isFalse();
				assertThat(context.getBean(TemporalHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
				WorkflowClient client = context.getBean(WorkflowClient.class);
				SimpleTaskWorkflow workflow = client.newWorkflowStub(SimpleTaskWorkflow.class,
						WorkflowOptions.newBuilder()
							.setTaskQueue("agentic-task-queue")
							.setWorkflowId("simple-1")
							.build());
				AgentOutput output = workflow.run(new SimpleTaskInput("Write tests", "qa_tester", null,
						UUID.randomUUID().toString(), UUID.randomUUID().toString()));
				assertThat(output.result()).containsEntry("agent", "qa-tester").containsEntry("key", "simple-1");
			});
	}

	@Test
	void addressWhenNothingAnswersAndNoDevServerThenStartsWithTemporalDown() throws Exception {
		int port = freePort();
		this.contexts.withPropertyValues("temponest.workers.temporal.address=127.0.0.1:" + port).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DevTemporalServer.class);
			assertThat(context.getBean(WorkflowServiceStubs.class).getOptions().getEnableKeepAlive()).isTrue();
			assertThat(context.getBean(TemporalHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TemporalProperties.class)
	static class Infrastructure {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		PipelineActivities activities() {
			return new EchoActivities();
		}

	}

	/** Agents answer their role and the run's idempotency key; nothing else is used. */
	static final class EchoActivities implements PipelineActivities {

		@Override
		public AgentOutput invokeOverseer(AgentRequest request) {
			return invokeAgent(request);
		}

		@Override
		public AgentOutput invokeDeveloper(AgentRequest request) {
			return invokeAgent(request);
		}

		@Override
		public AgentOutput invokeAgent(AgentRequest request) {
			return new AgentOutput("run", "completed",
					Map.of("agent", request.agent(), "key", request.idempotencyKey()), List.of());
		}

		@Override
		public String requestApproval(ApprovalRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Map<String, Object> checkApprovalStatus(ApprovalLookup lookup) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ValidationResult validateOutput(Map<String, Object> output) {
			throw new UnsupportedOperationException();
		}

		@Override
		public DeploymentRecord executeDeployment(DeploymentRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void recordPipelineStatus(PipelineOutcome outcome) {
			throw new UnsupportedOperationException();
		}

	}

}
