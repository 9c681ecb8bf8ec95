package io.temponest.agents.agent;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.agents.knowledge.ForwardedCredentials;
import io.temponest.agents.role.AgentRole;
import io.temponest.agents.run.AgentRuns;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Runs one agent as a step of a larger piece of work (a collaboration session, a
 * department workflow) through the same path as {@code POST /{role}/run} and {@code POST
 * /agents/{id}/run}: token budget, spending budget, idempotency, the recorded execution
 * and its cost. Agents are named by a built-in role's name ({@code qa-tester} or
 * {@code qa_tester}) or by a tenant agent's id.
 */
@Component
public class AgentSteps {

	private final AgentExecutor executor;

	private final AgentCatalog catalog;

	private final JsonMapper json;

	AgentSteps(AgentExecutor executor, AgentCatalog catalog, JsonMapper json) {
		this.executor = executor;
		this.catalog = catalog;
		this.json = json;
	}

	/**
	 * The canonical name of an agent reference: a role's slug, or a tenant agent's id as
	 * text when the agent exists in the current tenant.
	 * @param reference a role's name or an agent's id
	 * @return the canonical name, or empty when nothing answers to it
	 */
	public Optional<String> resolve(@Nullable String reference) {
		Optional<AgentRole> role = role(reference);
		if (role.isPresent()) {
			return Optional.of(role.get().slug());
		}
		UUID id = uuid(reference);
		if (id == null) {
			return Optional.empty();
		}
		if (AgentRole.ofId(id).isPresent()) {
			return Optional.of(AgentRole.ofId(id).get().slug());
		}
		try {
			this.catalog.runnable(id);
			return Optional.of(id.toString());
		}
		catch (AgentNotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The built-in role of a name, written with hyphens or underscores.
	 * @param name the name
	 * @return the role, if any
	 */
	public static Optional<AgentRole> role(@Nullable String name) {
		if (name == null) {
			return Optional.empty();
		}
		return AgentRole.ofSlug(name.strip().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

	/**
	 * Run an agent on a message, in the current tenant scope.
	 * @param caller who asked for the work
	 * @param credentials the caller's credentials (knowledge retrieval of tenant agents)
	 * @param reference a name {@link #resolve} accepted
	 * @param message the step's task
	 * @param context the step's context
	 * @param idempotencyKey the step's key: a repeated step answers with its first run
	 * @param workflowId the session or workflow the run belongs to
	 * @return the recorded run
	 * @throws RuntimeException the run's refusals and failures, as the run endpoints
	 * answer them (budget, provider, grounding)
	 */
	public StepRun run(AuthPrincipal caller, ForwardedCredentials credentials, String reference, String message,
			Map<String, Object> context, @Nullable String idempotencyKey, @Nullable String workflowId) {
		UUID id = role(reference).map(AgentRole::id).orElseGet(() -> UUID.fromString(reference));
		Object answer = this.executor.runStep(caller, credentials, id, message, context, workflowId, idempotencyKey,
				(command, result) -> {
					return new StepRun(result.executionId(), command.agentName(), result.text(), result.result(),
							result.usage().prompt(), result.usage().completion(), result.cost().totalCostUsd());
				});
		if (answer instanceof JsonNode replayed) {
			return this.json.treeToValue(replayed, StepRun.class);
		}
		return (StepRun) answer;
	}

	private static @Nullable UUID uuid(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return UUID.fromString(text.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * A step's recorded run.
	 *
	 * @param executionId the execution
	 * @param agentName the role's slug or the agent's name
	 * @param text the model's answer
	 * @param result the answer as the agent's parser read it
	 * @param promptTokens tokens sent
	 * @param completionTokens tokens answered
	 * @param costUsd the run's cost
	 */
	public record StepRun(UUID executionId, String agentName, String text, Map<String, Object> result, int promptTokens,
			int completionTokens, BigDecimal costUsd) {

	}

}
