package io.temponest.approval.signal;

import java.util.concurrent.TimeUnit;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Whether Temporal answers (one second at most). As the {@code temporal} health component
 * it is UP or UNKNOWN, never DOWN: decisions are recorded and signals wait in the outbox
 * while Temporal is away, so the service stays ready.
 */
@Component("temporal")
public class TemporalProbe implements HealthIndicator {

	private final WorkflowServiceStubs stubs;

	private final SignalProperties properties;

	TemporalProbe(WorkflowServiceStubs stubs, SignalProperties properties) {
		this.stubs = stubs;
		this.properties = properties;
	}

	/**
	 * Ask Temporal for its system info.
	 * @return whether it answered
	 */
	public boolean reachable() {
		try {
			this.stubs.blockingStub()
				.withDeadlineAfter(1, TimeUnit.SECONDS)
				.getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Override
	public Health health() {
		Health.Builder builder = reachable() ? Health.up() : Health.status(Status.UNKNOWN);
		return builder.withDetail("address", this.properties.temporalAddress()).build();
	}

}
