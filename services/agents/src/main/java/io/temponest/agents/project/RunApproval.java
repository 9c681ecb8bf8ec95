package io.temponest.agents.project;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An approval asked for a step of a run.
 *
 * @param id the approval's id
 * @param step the step it approves
 * @param status pending, approved or changes_requested
 * @param comment the approver's comment
 * @param decidedBy who decided
 * @param createdAt when it was asked for
 * @param decidedAt when it was decided
 */
record RunApproval(UUID id, String step, String status, @Nullable String comment, @Nullable String decidedBy,
		Instant createdAt, @Nullable Instant decidedAt) {

}
