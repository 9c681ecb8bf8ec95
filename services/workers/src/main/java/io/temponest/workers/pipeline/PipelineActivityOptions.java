package io.temponest.workers.pipeline;

import java.time.Duration;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;

/**
 * Timeouts and retries of the activities. Agent calls heartbeat while they wait, so a
 * worker that dies mid-call is noticed after the heartbeat timeout, not the call's.
 */
final class PipelineActivityOptions {

	/** The overseer: 5 minutes, 3 attempts 1 s apart doubling up to 10 s. */
	static final ActivityOptions OVERSEER = ActivityOptions.newBuilder()
		.setStartToCloseTimeout(Duration.ofMinutes(5))
		.setHeartbeatTimeout(Duration.ofMinutes(1))
		.setRetryOptions(RetryOptions.newBuilder()
			.setMaximumAttempts(3)
			.setInitialInterval(Duration.ofSeconds(1))
			.setMaximumInterval(Duration.ofSeconds(10))
			.build())
		.build();

	/** The other agents: 10 minutes, 2 attempts. */
	static final ActivityOptions AGENT = ActivityOptions.newBuilder()
		.setStartToCloseTimeout(Duration.ofMinutes(10))
		.setHeartbeatTimeout(Duration.ofMinutes(1))
		.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
		.build();

	/**
	 * Approval requests and lookups: 30 s each, 10 attempts up to 30 s apart; a cancelled
	 * pipeline abandons them (idempotent and short: nothing to stop).
	 */
	static final ActivityOptions APPROVAL = ActivityOptions.newBuilder()
		.setStartToCloseTimeout(Duration.ofSeconds(30))
		.setCancellationType(ActivityCancellationType.ABANDON)
		.setRetryOptions(RetryOptions.newBuilder()
			.setMaximumAttempts(10)
			.setInitialInterval(Duration.ofSeconds(1))
			.setMaximumInterval(Duration.ofSeconds(30))
			.build())
		.build();

	/**
	 * Validation and status records: 2 minutes, 5 attempts, abandoned on cancellation.
	 */
	static final ActivityOptions LOCAL_WORK = ActivityOptions.newBuilder()
		.setStartToCloseTimeout(Duration.ofMinutes(2))
		.setCancellationType(ActivityCancellationType.ABANDON)
		.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
		.build();

	/** The deployment record: 15 minutes, one attempt. */
	static final ActivityOptions DEPLOYMENT = ActivityOptions.newBuilder()
		.setStartToCloseTimeout(Duration.ofMinutes(15))
		.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
		.build();

	private PipelineActivityOptions() {
	}

}
