package io.temponest.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The relay's statements, each one call of the schema's outbox functions (the only way
 * across tenants): claim a batch, and delete the delivered, reschedule the failed and
 * dead-letter the refused events of a claim. Each mark is fenced by the attempt number
 * the claim gave, so an instance whose lease was taken over changes nothing.
 */
final class OutboxStore {

	private final JdbcClient jdbc;

	private final String claim;

	private final String sent;

	private final String retry;

	private final String dead;

	private final String backlog;

	OutboxStore(JdbcClient jdbc, String schema) {
		this.jdbc = jdbc;
		this.claim = """
				SELECT id, tenant_id, user_id, type, occurred_at, payload::text AS payload, attempts
				FROM %s.claim_outbox_events(:now, :limit, CAST(:lease AS interval))
				""".formatted(schema);
		this.sent = "SELECT %s.outbox_events_sent(CAST(:ids AS uuid[]), CAST(:attempts AS integer[]))"
			.formatted(schema);
		this.retry = """
				SELECT %s.outbox_events_retry(CAST(:ids AS uuid[]), CAST(:attempts AS integer[]),
					CAST(:next AS timestamptz[]), CAST(:errors AS text[]))
				""".formatted(schema);
		this.dead = """
				SELECT %s.outbox_events_dead(CAST(:ids AS uuid[]), CAST(:attempts AS integer[]),
					CAST(:errors AS text[]))
				""".formatted(schema);
		this.backlog = "SELECT pending, dead, oldest_pending FROM %s.outbox_backlog()".formatted(schema);
	}

	List<OutboxRow> claim(Instant now, int limit, Duration lease) {
		return this.jdbc.sql(this.claim)
			.param("now", Rows.timestamp(now))
			.param("limit", limit)
			.param("lease", lease.toMillis() + " milliseconds")
			.query((rs, row) -> new OutboxRow(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
					rs.getObject("user_id", UUID.class), rs.getString("type"), Rows.requiredInstant(rs, "occurred_at"),
					rs.getString("payload"), rs.getInt("attempts")))
			.list();
	}

	int sent(List<OutboxRow> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(this.sent)
			.param("ids", ids(rows))
			.param("attempts", attempts(rows))
			.query(Integer.class)
			.single();
	}

	int retry(List<OutboxRow> rows, List<Instant> next, List<String> errors) {
		if (rows.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(this.retry)
			.param("ids", ids(rows))
			.param("attempts", attempts(rows))
			.param("next", new SqlArrayValue("text", next.stream().map(Instant::toString).toArray()))
			.param("errors", new SqlArrayValue("text", errors.toArray()))
			.query(Integer.class)
			.single();
	}

	int dead(List<OutboxRow> rows, List<String> errors) {
		if (rows.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(this.dead)
			.param("ids", ids(rows))
			.param("attempts", attempts(rows))
			.param("errors", new SqlArrayValue("text", errors.toArray()))
			.query(Integer.class)
			.single();
	}

	Backlog backlog() {
		return this.jdbc.sql(this.backlog)
			.query((rs, row) -> new Backlog(rs.getLong("pending"), rs.getLong("dead"),
					Rows.instant(rs, "oldest_pending")))
			.single();
	}

	private static SqlArrayValue ids(List<OutboxRow> rows) {
		return new SqlArrayValue("text", rows.stream().map((row) -> row.id().toString()).toArray());
	}

	private static SqlArrayValue attempts(List<OutboxRow> rows) {
		return new SqlArrayValue("text", rows.stream().map((row) -> Integer.toString(row.attempts())).toArray());
	}

	/**
	 * A claimed event.
	 *
	 * @param id the event id
	 * @param tenantId its tenant
	 * @param userId the user it is sent as
	 * @param type its type
	 * @param occurredAt when it was published
	 * @param payload the rest of the event, as JSON text
	 * @param attempts the attempt this claim is (1 for the first)
	 */
	record OutboxRow(UUID id, UUID tenantId, UUID userId, String type, Instant occurredAt, String payload,
			int attempts) {

	}

	/**
	 * The outbox of every tenant at a glance.
	 *
	 * @param pending events waiting
	 * @param dead events dead-lettered
	 * @param oldestPending when the oldest waiting event occurred
	 */
	record Backlog(long pending, long dead, @Nullable Instant oldestPending) {

	}

}
