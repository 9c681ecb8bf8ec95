package io.temponest.approval.signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers the signal outbox: claims due signals of every tenant ({@code FOR UPDATE SKIP
 * LOCKED} with a lease, so any number of instances share the work), signals each workflow
 * run, and marks it delivered, or retries it later with doubling back-off. A run that no
 * longer exists is marked delivered with a note rather than tried forever.
 */
@Component
class SignalDispatcher {

	/** Note of a signal whose workflow run no longer exists. */
	public static final String WORKFLOW_GONE = "workflow not found: signal dropped";

	private static final Logger log = LoggerFactory.getLogger(SignalDispatcher.class);

	private static final TypeReference<Map<String, @Nullable Object>> PAYLOAD = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final TemporalSignals temporal;

	private final SignalProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	SignalDispatcher(JdbcClient jdbc, TemporalSignals temporal, SignalProperties properties, JsonMapper json,
			Clock clock) {
		this.jdbc = jdbc;
		this.temporal = temporal;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Deliver what is due, one claim after another, until a claim comes back short.
	 * @return how many signals were delivered (or dropped for a missing workflow)
	 */
	public int dispatchDue() {
		int done = 0;
		List<Claimed> claimed;
		do {
			claimed = claim();
			for (Claimed signal : claimed) {
				if (deliver(signal)) {
					done++;
				}
			}
		}
		while (claimed.size() == this.properties.batchSize());
		return done;
	}

	private List<Claimed> claim() {
		return this.jdbc.sql("""
				SELECT id, workflow_id, run_id, payload::text AS payload, attempts
				FROM approval.claim_signals(:now, :limit, CAST(:lease AS interval))
				""")
			.param("now", Rows.timestamp(this.clock.instant()))
			.param("limit", this.properties.batchSize())
			.param("lease", this.properties.lease().toSeconds() + " seconds")
			.query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("workflow_id"),
					rs.getString("run_id"), rs.getString("payload"), rs.getInt("attempts")))
			.list();
	}

	private boolean deliver(Claimed signal) {
		try {
			Optional<String> gone = this.temporal.send(signal.workflowId(), signal.runId(),
					this.json.readValue(signal.payload(), PAYLOAD));
			gone.ifPresent((why) -> log.warn("Workflow {} run {} no longer exists: approval signal {} dropped ({})",
					signal.workflowId(), signal.runId(), signal.id(), why));
			mark("SELECT approval.signal_delivered(:id, :attempt, :at, :note)", signal, this.clock.instant(),
					gone.map((why) -> WORKFLOW_GONE + " (" + why + ")").orElse(null));
			return true;
		}
		catch (RuntimeException ex) {
			Instant next = this.clock.instant().plus(backoff(signal.attempts()));
			log.info("Approval signal {} to workflow {} failed (attempt {}), retrying at {}: {}", signal.id(),
					signal.workflowId(), signal.attempts(), next, ex.getClass().getSimpleName());
			mark("SELECT approval.signal_retry(:id, :attempt, :at, :note)", signal, next,
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return false;
		}
	}

	private void mark(String sql, Claimed signal, Instant at, @Nullable String note) {
		this.jdbc.sql(sql)
			.param("id", signal.id())
			.param("attempt", signal.attempts())
			.param("at", Rows.timestamp(at))
			.param("note", note, java.sql.Types.VARCHAR)
			.query(Boolean.class)
			.single();
	}

	private Duration backoff(int attempts) {
		Duration wait = this.properties.backoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		return (wait.compareTo(this.properties.maxBackoff()) > 0) ? this.properties.maxBackoff() : wait;
	}

	/**
	 * A claimed signal.
	 *
	 * @param id its id (the decision's)
	 * @param workflowId the workflow
	 * @param runId the run
	 * @param payload the JSON payload
	 * @param attempts the attempt this claim is
	 */
	record Claimed(UUID id, String workflowId, String runId, String payload, int attempts) {

	}

}
