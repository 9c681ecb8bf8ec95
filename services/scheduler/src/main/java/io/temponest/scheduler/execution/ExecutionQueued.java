package io.temponest.scheduler.execution;

import java.util.UUID;

/**
 * Published when a manual trigger has queued an execution, so that the poller of this
 * instance starts it right after the commit instead of at its next poll.
 *
 * @param executionId the queued execution
 */
public record ExecutionQueued(UUID executionId) {

}
