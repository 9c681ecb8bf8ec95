package io.temponest.agents.collaboration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A collaboration session as the SDK reads it ({@code CollaborationSession}) with the
 * rest of what is stored. {@code status} is pending, running, completed or failed; a
 * cancelled session is {@code failed} with {@code cancelled = true}. {@code results} are
 * its steps in order.
 *
 * @param id the session
 * @param tenantId its tenant
 * @param name its label
 * @param pattern its pattern
 * @param agentIds its agents (the hierarchical lead first)
 * @param status its state
 * @param cancelled whether it was cancelled
 * @param initialMessage its goal
 * @param messages the per-agent messages, if any
 * @param config its settings as given
 * @param context the context passed to every step
 * @param result the outcome, once completed
 * @param error why it failed
 * @param results its steps
 * @param createdBy the user who started it
 * @param createdAt when it was accepted
 * @param startedAt when a worker started it
 * @param completedAt when it ended
 * @param updatedAt when it last changed
 */
public record SessionView(UUID id, UUID tenantId, @Nullable String name, String pattern, List<String> agentIds,
		String status, boolean cancelled, @Nullable String initialMessage, @Nullable List<String> messages,
		Map<String, Object> config, Map<String, Object> context, @Nullable Map<String, Object> result,
		@Nullable String error, List<StepView> results, @Nullable UUID createdBy, Instant createdAt,
		@Nullable Instant startedAt, @Nullable Instant completedAt, Instant updatedAt) {

}
