package io.temponest.scheduler.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Actuator health of the poller ({@code poller}): DOWN when it is enabled but not
 * running, or when no poll has succeeded for three poll intervals plus ten seconds (the
 * database is unreachable, say); UP when polling is switched off on this instance.
 */
@Component
public class PollerHealthIndicator implements HealthIndicator {

	private static final Duration SLACK = Duration.ofSeconds(10);

	private final Poller poller;

	private final SchedulerProperties properties;

	private final Clock clock;

	PollerHealthIndicator(Poller poller, SchedulerProperties properties, Clock clock) {
		this.poller = poller;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Health health() {
		PollerState state = this.poller.state();
		Health.Builder health = healthy(state) ? Health.up() : Health.down();
		health.withDetail("enabled", state.enabled())
			.withDetail("running", state.running())
			.withDetail("instance", state.instanceId())
			.withDetail("consecutive_failures", state.consecutiveFailures())
			.withDetail("runs_in_flight", state.runsInFlight());
		if (state.lastPoll() != null) {
			health.withDetail("last_poll", state.lastPoll().toString());
		}
		return health.build();
	}

	/**
	 * Whether the poller does its work.
	 * @param state the poller's state
	 * @return whether it is healthy
	 */
	public boolean healthy(PollerState state) {
		if (!state.enabled()) {
			return true;
		}
		Instant last = state.lastPoll();
		Duration allowed = this.properties.pollInterval().multipliedBy(3).plus(SLACK);
		return state.running() && last != null && Duration.between(last, this.clock.instant()).compareTo(allowed) <= 0;
	}

}
