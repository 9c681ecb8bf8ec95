package io.temponest.agents.collaboration;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.agents.agent.AgentSteps.StepRun;
import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sessions and steps of a tenant, each operation one transaction of that tenant
 * (row-level security keeps every other tenant's rows out); only the renewal and the
 * sweep of leases cross tenants, through their {@code SECURITY DEFINER} functions. Usable
 * from any thread: the tenant is always given.
 */
@Component
class SessionStore {

	private static final String COLUMNS = """
			id, tenant_id, created_by, name, pattern, status, cancelled, agents::text, initial_message,
			messages::text, config::text, context::text, result::text, error, created_at, started_at,
			completed_at, updated_at""";

	private static final String STEP_COLUMNS = """
			id, position, round, agent, input, output, execution_id, prompt_tokens, completion_tokens, cost_usd,
			status, error, started_at, completed_at""";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final TenantTransactions transactions;

	private final JsonMapper json;

	private final Clock clock;

	SessionStore(JdbcClient jdbc, TenantTransactions transactions, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Stores a new running session, leased to {@code leaseOwner} for {@code lease} from
	 * now.
	 */
	SessionView create(UUID tenantId, @Nullable UUID userId, UUID id, SessionPlan plan, String leaseOwner,
			Duration lease) {
		Instant now = this.clock.instant();
		return this.transactions.write(tenantId, () -> {
			this.jdbc
				.sql("""
						INSERT INTO agents.collaboration_sessions (id, tenant_id, created_by, name, pattern, status, agents,
							initial_message, messages, config, context, created_at, updated_at, lease_owner, lease_expires_at)
						VALUES (:id, :tenant, :user, :name, :pattern, 'running', CAST(:agents AS jsonb), :message,
							CAST(:messages AS jsonb), CAST(:config AS jsonb), CAST(:context AS jsonb), :now, :now, :owner,
							:until)""")
				.param("id", id)
				.param("tenant", tenantId)
				.param("user", userId)
				.param("name", plan.name())
				.param("pattern", plan.pattern().id())
				.param("agents", this.json.writeValueAsString(plan.agents()))
				.param("message", plan.initialMessage())
				.param("messages", (plan.messages() != null) ? this.json.writeValueAsString(plan.messages()) : null)
				.param("config", this.json.writeValueAsString(plan.config()))
				.param("context", this.json.writeValueAsString(plan.context()))
				.param("now", Timestamp.from(now))
				.param("owner", leaseOwner)
				.param("until", Timestamp.from(now.plus(lease)))
				.update();
			return find(id).orElseThrow();
		});
	}

	Optional<SessionView> get(UUID tenantId, UUID id) {
		return this.transactions.read(tenantId, () -> find(id));
	}

	List<SessionView> list(UUID tenantId, @Nullable String pattern, @Nullable String status, int offset, int limit) {
		return this.transactions.read(tenantId, () -> {
			List<SessionView> sessions = this.jdbc.sql("SELECT " + COLUMNS + """
					 FROM agents.collaboration_sessions
					WHERE (CAST(:pattern AS text) IS NULL OR pattern = :pattern)
					  AND (CAST(:status AS text) IS NULL OR status = :status)
					ORDER BY created_at DESC, id DESC OFFSET :offset LIMIT :limit""")
				.param("pattern", pattern)
				.param("status", status)
				.param("offset", offset)
				.param("limit", limit)
				.query((rs, row) -> session(rs, List.of()))
				.list();
			return sessions.stream().map((session) -> withSteps(session)).toList();
		});
	}

	/**
	 * Marks a running session started by a worker of {@code leaseOwner}, which takes its
	 * lease for {@code lease} from now.
	 */
	void started(UUID tenantId, UUID id, String leaseOwner, Duration lease) {
		Instant now = this.clock.instant();
		this.transactions.run(tenantId, () -> this.jdbc.sql("""
				UPDATE agents.collaboration_sessions SET started_at = :now, updated_at = :now, lease_owner = :owner,
					lease_expires_at = :until
				WHERE id = :id AND status = 'running'""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.param("owner", leaseOwner)
			.param("until", Timestamp.from(now.plus(lease)))
			.update());
	}

	/**
	 * Extends the leases {@code owner} holds on the open sessions among {@code ids}, of
	 * every tenant ({@code renew_collaboration_leases}).
	 * @return how many were extended
	 */
	int renewLeases(String owner, Collection<UUID> ids, Instant until) {
		return this.jdbc.sql("SELECT agents.renew_collaboration_leases(:owner, :ids, :until)")
			.param("owner", owner)
			.param("ids", ids.toArray(UUID[]::new))
			.param("until", Timestamp.from(until))
			.query(Integer.class)
			.single();
	}

	/**
	 * Fails up to {@code limit} open sessions of every tenant whose lease ran out, and
	 * their running steps ({@code end_abandoned_collaboration_sessions}).
	 * @return how many were ended, by pattern id
	 */
	Map<String, Integer> endAbandoned(Instant now, int limit) {
		Map<String, Integer> ended = new LinkedHashMap<>();
		this.jdbc.sql("SELECT pattern, ended FROM agents.end_abandoned_collaboration_sessions(:now, :limit)")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs) -> {
				ended.put(rs.getString("pattern"), rs.getInt("ended"));
			});
		return ended;
	}

	/** Whether the session still runs (not cancelled, not ended). */
	boolean running(UUID tenantId, UUID id) {
		return this.transactions.read(tenantId,
				() -> this.jdbc.sql("SELECT status FROM agents.collaboration_sessions WHERE id = :id")
					.param("id", id)
					.query(String.class)
					.optional()
					.map("running"::equals)
					.orElse(false));
	}

	/**
	 * Ends a running session; a cancelled one keeps its state.
	 * @return whether it was still running
	 */
	boolean finish(UUID tenantId, UUID id, String status, @Nullable Map<String, Object> result,
			@Nullable String error) {
		Instant now = this.clock.instant();
		return this.transactions.write(tenantId,
				() -> this.jdbc
					.sql("""
							UPDATE agents.collaboration_sessions SET status = :status, result = CAST(:result AS jsonb), error = :error,
								completed_at = :now, updated_at = :now
							WHERE id = :id AND status = 'running'""")
					.param("id", id)
					.param("status", status)
					.param("result", (result != null) ? this.json.writeValueAsString(result) : null)
					.param("error", error)
					.param("now", Timestamp.from(now))
					.update() == 1);
	}

	/**
	 * Cancels a running session: failed, {@code cancelled}, its pending steps never
	 * start.
	 */
	Optional<SessionView> cancel(UUID tenantId, UUID id) {
		Instant now = this.clock.instant();
		return this.transactions.write(tenantId, () -> {
			this.jdbc.sql("""
					UPDATE agents.collaboration_sessions SET status = 'failed', cancelled = true,
						error = 'Cancelled before it finished', completed_at = :now, updated_at = :now
					WHERE id = :id AND status IN ('pending', 'running')""")
				.param("id", id)
				.param("now", Timestamp.from(now))
				.update();
			return find(id);
		});
	}

	void stepStarted(UUID tenantId, UUID sessionId, UUID stepId, int position, int round, String agent, String input) {
		Instant now = this.clock.instant();
		this.transactions.run(tenantId,
				() -> this.jdbc
					.sql("""
							INSERT INTO agents.collaboration_steps (id, session_id, tenant_id, position, round, agent, input, status,
								started_at)
							VALUES (:id, :session, :tenant, :position, :round, :agent, :input, 'running', :now)""")
					.param("id", stepId)
					.param("session", sessionId)
					.param("tenant", tenantId)
					.param("position", position)
					.param("round", round)
					.param("agent", agent)
					.param("input", input)
					.param("now", Timestamp.from(now))
					.update());
	}

	void stepCompleted(UUID tenantId, UUID stepId, StepRun run) {
		Instant now = this.clock.instant();
		this.transactions.run(tenantId, () -> this.jdbc.sql("""
				UPDATE agents.collaboration_steps SET status = 'completed', output = :output, execution_id = :execution,
					prompt_tokens = :prompt, completion_tokens = :completion, cost_usd = :cost, completed_at = :now
				WHERE id = :id AND status = 'running'""")
			.param("id", stepId)
			.param("output", run.text())
			.param("execution", run.executionId())
			.param("prompt", run.promptTokens())
			.param("completion", run.completionTokens())
			.param("cost", run.costUsd())
			.param("now", Timestamp.from(now))
			.update());
	}

	void stepFailed(UUID tenantId, UUID stepId, String error) {
		Instant now = this.clock.instant();
		this.transactions.run(tenantId,
				() -> this.jdbc.sql("""
						UPDATE agents.collaboration_steps SET status = 'failed', error = :error, completed_at = :now
						WHERE id = :id AND status = 'running'""")
					.param("id", stepId)
					.param("error", error)
					.param("now", Timestamp.from(now))
					.update());
	}

	private Optional<SessionView> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM agents.collaboration_sessions WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> session(rs, List.of()))
			.optional()
			.map(this::withSteps);
	}

	private SessionView withSteps(SessionView session) {
		List<StepView> steps = this.jdbc
			.sql("SELECT " + STEP_COLUMNS + " FROM agents.collaboration_steps WHERE session_id = :id ORDER BY position")
			.param("id", session.id())
			.query((rs, row) -> step(rs))
			.list();
		return new SessionView(session.id(), session.tenantId(), session.name(), session.pattern(), session.agentIds(),
				session.status(), session.cancelled(), session.initialMessage(), session.messages(), session.config(),
				session.context(), session.result(), session.error(), steps, session.createdBy(), session.createdAt(),
				session.startedAt(), session.completedAt(), session.updatedAt());
	}

	private SessionView session(ResultSet rs, List<StepView> steps) throws SQLException {
		String messages = rs.getString("messages");
		String result = rs.getString("result");
		return new SessionView(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("name"), rs.getString("pattern"), this.json.readValue(rs.getString("agents"), STRINGS),
				rs.getString("status"), rs.getBoolean("cancelled"), rs.getString("initial_message"),
				(messages != null) ? this.json.readValue(messages, STRINGS) : null,
				this.json.readValue(rs.getString("config"), OBJECT),
				this.json.readValue(rs.getString("context"), OBJECT),
				(result != null) ? this.json.readValue(result, OBJECT) : null, rs.getString("error"), steps,
				rs.getObject("created_by", UUID.class), instant(rs, "created_at"), nullableInstant(rs, "started_at"),
				nullableInstant(rs, "completed_at"), instant(rs, "updated_at"));
	}

	private static StepView step(ResultSet rs) throws SQLException {
		int prompt = rs.getInt("prompt_tokens");
		int completion = rs.getInt("completion_tokens");
		BigDecimal cost = rs.getBigDecimal("cost_usd");
		return new StepView(rs.getObject("id", UUID.class), rs.getInt("position"), rs.getInt("round"),
				rs.getString("agent"), rs.getString("input"), rs.getString("output"),
				rs.getObject("execution_id", UUID.class), prompt, completion, prompt + completion,
				cost.stripTrailingZeros(), rs.getString("status"), rs.getString("error"), instant(rs, "started_at"),
				nullableInstant(rs, "completed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
