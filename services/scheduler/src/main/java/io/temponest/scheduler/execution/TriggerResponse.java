package io.temponest.scheduler.execution;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Answer of {@code POST /schedules/{id}/trigger}: the queued execution (the SDK parses a
 * {@code TaskExecution}; the original's tests look for {@code execution_id}) and the
 * original's message.
 *
 * @param message always {@code Task triggered successfully}
 * @param execution the queued execution
 */
record TriggerResponse(String message, @JsonUnwrapped ExecutionResponse execution) {

	static TriggerResponse of(ExecutionRecord execution) {
		return new TriggerResponse("Task triggered successfully", ExecutionResponse.of(execution));
	}

}
