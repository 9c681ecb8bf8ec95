package io.temponest.agents.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.security.tenant.TenantQueries;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Reads of the caller's activity log: a page newest first (keyset on
 * {@code (occurred_at, id)}) with the count of matching rows, in one round trip; only the
 * filters given are part of the statement. A search reads the rows the full-text index
 * finds ({@code agents.activity_search}, the tenant's rows only), once for both.
 */
@Repository
class LogQueries {

	/** Matching rows are counted up to this many. */
	static final int COUNT_CAP = 10_000;

	static final String COLUMNS = """
			a.id, a.occurred_at, a.level, a.message, a.action, a.agent, a.service, a.resource_id, a.resource_type,
			a.details::text AS details, a.user_id""";

	private static final String NEWEST_FIRST = " ORDER BY a.occurred_at DESC, a.id DESC";

	private static final TypeReference<Map<String, @Nullable Object>> DETAILS = new TypeReference<>() {
	};

	private final TenantQueries queries;

	private final JsonMapper json;

	LogQueries(TenantQueries queries, JsonMapper json) {
		this.queries = queries;
		this.json = json;
	}

	/** A page of rows (one more than asked when there are more) and the count. */
	record Page(List<LogEntry> rows, long matching) {

	}

	/**
	 * The statement of a page: its filters, then the page and the capped count.
	 * @param filter the filters
	 * @param after where the previous page ended, if any
	 * @return the statement
	 */
	static String statement(LogFilter filter, @Nullable LogCursor after) {
		String where = where(filter);
		String source = " FROM agents.activity_log a";
		String found = "";
		if (filter.search() != null) {
			found = "WITH found AS MATERIALIZED (SELECT * FROM agents.activity_search(:search)) ";
			source = " FROM found a";
		}
		String keyset = (after != null)
				? " AND a.occurred_at <= :afterAt AND (a.occurred_at < :afterAt OR a.id < :afterId)" : "";
		return found + "SELECT c.matching, p.* FROM (SELECT count(*) AS matching FROM (SELECT 1" + source + where
				+ " LIMIT " + (COUNT_CAP + 1) + ") m) c LEFT JOIN LATERAL (SELECT " + COLUMNS + source + where + keyset
				+ NEWEST_FIRST + " LIMIT :limit) p ON true ORDER BY p.occurred_at DESC, p.id DESC";
	}

	private static String where(LogFilter filter) {
		StringBuilder where = new StringBuilder(" WHERE a.tenant_id = :tenant");
		if (filter.agent() != null) {
			where.append(" AND a.agent = :agent");
		}
		if (filter.project() != null) {
			where.append(" AND (a.resource_id = :project OR a.details ->> 'project' = :project)");
		}
		if (filter.level() != null) {
			where.append(" AND a.level = :level");
		}
		if (filter.service() != null) {
			where.append(" AND a.service = :service");
		}
		if (filter.from() != null) {
			where.append(" AND a.occurred_at >= :from");
		}
		if (filter.to() != null) {
			where.append(" AND a.occurred_at < :to");
		}
		return where.toString();
	}

	/**
	 * The newest matching rows of the caller's tenant, or those older than a cursor's.
	 * @param tenant the caller's tenant
	 * @param filter the filters
	 * @param after where the previous page ended, if any
	 * @param limit how many rows to read
	 * @return the rows and how many match (up to {@value #COUNT_CAP} + 1)
	 */
	Page page(UUID tenant, LogFilter filter, @Nullable LogCursor after, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource("tenant", tenant).addValue("limit", limit);
		addIfPresent(params, "agent", filter.agent());
		addIfPresent(params, "project", filter.project());
		addIfPresent(params, "level", filter.level());
		addIfPresent(params, "service", filter.service());
		addIfPresent(params, "search", filter.search());
		addIfPresent(params, "from", utc(filter.from()));
		addIfPresent(params, "to", utc(filter.to()));
		if (after != null) {
			params.addValue("afterAt", utc(after.occurredAt())).addValue("afterId", after.id());
		}
		List<Counted> counted = this.queries.query(statement(filter, after), params,
				(rs, row) -> new Counted(rs.getLong("matching"), (rs.getObject("id") != null) ? entry(rs) : null));
		List<LogEntry> rows = new ArrayList<>(counted.size());
		for (Counted row : counted) {
			if (row.entry() != null) {
				rows.add(row.entry());
			}
		}
		return new Page(rows, counted.isEmpty() ? 0 : counted.get(0).matching());
	}

	private LogEntry entry(ResultSet rs) throws SQLException {
		String agent = rs.getString("agent");
		return new LogEntry(rs.getObject("id", UUID.class),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("level"),
				rs.getString("message"), rs.getString("action"), (agent != null) ? agent : LogEntry.SYSTEM,
				rs.getString("service"), rs.getString("resource_id"), rs.getString("resource_type"),
				this.json.readValue(rs.getString("details"), DETAILS), rs.getObject("user_id", UUID.class));
	}

	private static void addIfPresent(MapSqlParameterSource params, String name, @Nullable Object value) {
		if (value != null) {
			params.addValue(name, value);
		}
	}

	/** A row of the statement: the count, and a row of the page unless there is none. */
	private record Counted(long matching, @Nullable LogEntry entry) {

	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
