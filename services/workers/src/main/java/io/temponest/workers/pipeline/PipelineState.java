package io.temponest.workers.pipeline;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A pipeline's state, as its {@code get_state} query answers.
 *
 * @param status {@code running} or how it ended (see {@link PipelineResult#status()})
 * @param currentStep what it is doing: {@code planning}, {@code task <i>},
 * {@code deployment_approval}, {@code deployment} or {@code done}
 * @param planSize how many tasks the plan has (0 before planning)
 * @param executedTasks the tasks run so far
 * @param pendingApprovalIds the approvals it waits for
 * @param reason why it ended so, when it did not complete
 */
public record PipelineState(String status, String currentStep, int planSize, List<ExecutedTask> executedTasks,
		List<String> pendingApprovalIds, @Nullable String reason) {

}
