package io.temponest.workers.temporal;

import java.util.concurrent.TimeUnit;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code temporal} in the service's health: up when the Temporal frontend answers within
 * 2 s and the worker polls (or is off by configuration).
 */
final class TemporalHealthIndicator implements HealthIndicator {

	private final WorkflowServiceStubs stubs;

	private final TemporalProperties properties;

	private final WorkerLifecycle worker;

	TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalProperties properties, WorkerLifecycle worker) {
		this.stubs = stubs;
		this.properties = properties;
		this.worker = worker;
	}

	@Override
	public Health health() {
		Health.Builder builder;
		try {
			this.stubs.blockingStub()
				.withDeadlineAfter(2, TimeUnit.SECONDS)
				.getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
			boolean workerOk = !this.properties.workerEnabled() || this.worker.polling();
			builder = workerOk ? Health.up() : Health.down();
		}
		catch (RuntimeException ex) {
			builder = Health.down().withDetail("error", ex.getClass().getSimpleName());
		}
		return builder.withDetail("namespace", this.properties.namespace())
			.withDetail("task_queue", this.properties.taskQueue())
			.withDetail("worker", this.worker.polling() ? "polling" : "stopped")
			.build();
	}

}
