package io.temponest.agents.project;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A run of a project, without its log (read on its own).
 *
 * @param id the run's id
 * @param projectId its project
 * @param kind wizard, build, deploy or calc
 * @param step the step or agent it runs
 * @param status pending, running, success, failed or cancelled
 * @param costUsd what it cost
 * @param startedAt when it started running
 * @param finishedAt when it finished
 * @param durationSeconds seconds from start to finish, once both are known
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param approvals the approvals asked for its steps, oldest first
 */
record RunView(UUID id, UUID projectId, String kind, String step, String status, double costUsd,
		@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Double durationSeconds, Instant createdAt,
		Instant updatedAt, List<RunApproval> approvals) {

}
