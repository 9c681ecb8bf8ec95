package io.temponest.agents.run;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.temponest.agents.llm.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a finished run to {@code agents.agent_executions}, inside the run's transaction
 * of the caller's tenant: one row per run, written once, when it is over, and published
 * as {@link ExecutionFinished} in that transaction.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class ExecutionWriter {

	/** The metric tag of tenant agents' runs. */
	private static final String CUSTOM_AGENT = "custom";

	private static final String INSERT = """
			INSERT INTO agents.agent_executions (id, tenant_id, user_id, agent_id, agent_name, status, user_message,
				context, response, result, provider, model, prompt_tokens, completion_tokens, total_tokens, cost_usd,
				latency_ms, llm_latency_ms, error, project_id, workflow_id, idempotency_key, created_at, completed_at)
			VALUES (:id, :tenant, :user, :agent, :agent_name, CAST(:status AS agents.run_status), :message,
				CAST(:context AS jsonb), :response, CAST(:result AS jsonb), :provider, :model, :prompt_tokens,
				:completion_tokens, :total_tokens, :cost, :latency, :llm_latency, :error, :project, :workflow, :key,
				:created, :completed)
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	ExecutionWriter(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	void completed(UUID id, RunCommand command, String text, Map<String, Object> result, TokenUsage usage,
			BigDecimal cost, long latencyMillis, long llmLatencyMillis, Instant createdAt, Instant completedAt) {
		insert(id, command, "completed", text, this.json.writeValueAsString(result), usage, cost, latencyMillis,
				llmLatencyMillis, null, createdAt, completedAt);
	}

	void failed(UUID id, RunCommand command, String error, long latencyMillis, Instant createdAt, Instant completedAt) {
		insert(id, command, "failed", null, null, new TokenUsage(0, 0), BigDecimal.ZERO, latencyMillis, null, error,
				createdAt, completedAt);
	}

	private void insert(UUID id, RunCommand command, String status, @Nullable String text, @Nullable String result,
			TokenUsage usage, BigDecimal cost, long latencyMillis, @Nullable Long llmLatencyMillis,
			@Nullable String error, Instant createdAt, Instant completedAt) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("id", id)
			.addValue("tenant", command.tenantId())
			.addValue("user", command.userId(), Types.OTHER)
			.addValue("agent", command.agentId())
			.addValue("agent_name", command.agentName())
			.addValue("status", status)
			.addValue("message", command.task())
			.addValue("context", this.json.writeValueAsString(command.context()))
			.addValue("response", text, Types.VARCHAR)
			.addValue("result", result, Types.VARCHAR)
			.addValue("provider", command.model().provider().id())
			.addValue("model", command.model().model())
			.addValue("prompt_tokens", usage.prompt())
			.addValue("completion_tokens", usage.completion())
			.addValue("total_tokens", usage.total())
			.addValue("cost", cost)
			.addValue("latency", (int) Math.min(latencyMillis, Integer.MAX_VALUE))
			.addValue("llm_latency",
					(llmLatencyMillis != null) ? (int) Math.min(llmLatencyMillis, Integer.MAX_VALUE) : null,
					Types.INTEGER)
			.addValue("error", error, Types.VARCHAR)
			.addValue("project", command.projectId(), Types.VARCHAR)
			.addValue("workflow", command.workflowId(), Types.VARCHAR)
			.addValue("key", command.idempotencyKey(), Types.VARCHAR)
			.addValue("created", Timestamp.from(createdAt))
			.addValue("completed", Timestamp.from(completedAt));
		this.jdbc.sql(INSERT).paramSource(params).update();
		this.events.publishEvent(new ExecutionFinished(command.tenantId(), command.userId(), id, command.agentName(),
				!CUSTOM_AGENT.equals(command.metricTag()), error == null, command.model().provider().id(),
				command.model().model(), usage.total(), cost, latencyMillis, error, command.projectId(),
				command.workflowId()));
	}

}
