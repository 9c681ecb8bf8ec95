package io.temponest.agents.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.tenant.TenantQueries;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Reads of the caller's projects and runs, each one round trip ({@link TenantQueries});
 * run lists never read a log.
 */
@Repository
class ProjectQueries {

	static final String PROJECT_COLUMNS = """
			id, slug, name, description, type, status, repo_url, runs_total, runs_succeeded, runs_failed, created_at, updated_at""";

	static final String RUN_COLUMNS = """
			r.id, r.project_id, r.kind, r.step, r.status, r.cost_usd, r.started_at, r.finished_at, r.created_at,
			r.updated_at""";

	/** A run's approvals as one JSON array, oldest first. */
	static final String APPROVALS = """
			(SELECT json_agg(json_build_object('id', a.id, 'step', a.step, 'status', a.status, 'comment', a.comment,
				'decided_by', a.decided_by, 'created_at', a.created_at, 'decided_at', a.decided_at)
				ORDER BY a.created_at, a.id)::text
			 FROM agents.run_approvals a WHERE a.run_id = r.id) AS approvals""";

	private static final String RUNS = "SELECT " + RUN_COLUMNS + ", " + APPROVALS
			+ " FROM agents.project_runs r WHERE r.project_id = :project ";

	private static final String NEWEST_FIRST = " ORDER BY r.created_at DESC, r.id DESC LIMIT :limit";

	/** The newest runs of a project. */
	static final String FIRST_PAGE = RUNS + NEWEST_FIRST;

	/** The newest runs of a project older than a cursor's run (the keyset page). */
	static final String PAGE_AFTER = RUNS + "AND r.created_at <= :created AND (r.created_at < :created OR r.id < :id)"
			+ NEWEST_FIRST;

	private static final TypeReference<List<Map<String, @Nullable Object>>> ROWS = new TypeReference<>() {
	};

	private final TenantQueries queries;

	private final JsonMapper json;

	ProjectQueries(TenantQueries queries, JsonMapper json) {
		this.queries = queries;
		this.json = json;
	}

	/** A page of projects and how many match. */
	record Page(List<ProjectView> projects, long total) {

	}

	Page list(@Nullable String status, ProjectSort sort, long offset, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("status", status, Types.VARCHAR)
			.addValue("limit", limit)
			.addValue("offset", offset);
		List<Counted> rows = this.queries.query(
				"SELECT " + PROJECT_COLUMNS
						+ ", count(*) OVER () AS matching FROM agents.projects WHERE (CAST(:status AS text) IS NULL OR "
						+ "status = CAST(:status AS text)) ORDER BY " + sort.orderBy() + " LIMIT :limit OFFSET :offset",
				params, (rs, row) -> new Counted(project(rs), rs.getLong("matching")));
		if (rows.isEmpty()) {
			return new Page(List.of(), (offset > 0) ? count(status) : 0);
		}
		return new Page(rows.stream().map(Counted::project).toList(), rows.get(0).total());
	}

	private long count(@Nullable String status) {
		return this.queries
			.queryOptional(
					"SELECT count(*) FROM agents.projects WHERE (CAST(:status AS text) IS NULL OR "
							+ "status = CAST(:status AS text))",
					new MapSqlParameterSource().addValue("status", status, Types.VARCHAR), (rs, row) -> rs.getLong(1))
			.orElse(0L);
	}

	Optional<ProjectView> find(String slug) {
		return this.queries.queryOptional("SELECT " + PROJECT_COLUMNS + " FROM agents.projects WHERE slug = :slug",
				new MapSqlParameterSource("slug", slug), (rs, row) -> project(rs));
	}

	ProjectCounts counts() {
		return this.queries
			.queryOptional(
					"SELECT count(*) AS total, count(*) FILTER (WHERE status <> 'idle') AS active "
							+ "FROM agents.projects",
					new MapSqlParameterSource(),
					(rs, row) -> new ProjectCounts(rs.getLong("total"), rs.getLong("active")))
			.orElse(new ProjectCounts(0, 0));
	}

	/**
	 * The newest runs of a project, or those older than a cursor; one more than the
	 * limit.
	 */
	List<RunView> newest(UUID project, @Nullable RunCursor after, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource("project", project).addValue("limit", limit);
		if (after == null) {
			return this.queries.query(FIRST_PAGE, params, (rs, row) -> run(rs));
		}
		params.addValue("created", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
			.addValue("id", after.id());
		return this.queries.query(PAGE_AFTER, params, (rs, row) -> run(rs));
	}

	/** A page of a project's runs by offset. */
	List<RunView> page(UUID project, long offset, int limit) {
		return this.queries.query(RUNS + NEWEST_FIRST + " OFFSET :offset",
				new MapSqlParameterSource("project", project).addValue("limit", limit).addValue("offset", offset),
				(rs, row) -> run(rs));
	}

	Optional<RunLogs> logs(String slug, UUID run) {
		return this.queries.queryOptional(
				"SELECT r.id, r.status, r.logs FROM agents.project_runs r JOIN agents.projects p ON p.id = r.project_id "
						+ "WHERE p.slug = :slug AND r.id = :run",
				new MapSqlParameterSource("slug", slug).addValue("run", run), (rs, row) -> {
					String logs = rs.getString("logs");
					return new RunLogs(rs.getObject("id", UUID.class), rs.getString("status"),
							(logs != null) ? logs : "");
				});
	}

	static ProjectView project(ResultSet rs) throws SQLException {
		long total = rs.getLong("runs_total");
		long succeeded = rs.getLong("runs_succeeded");
		return new ProjectView(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
				rs.getString("description"), rs.getString("type"), rs.getString("status"), rs.getString("repo_url"),
				total, succeeded, rs.getLong("runs_failed"), ProjectView.successRate(succeeded, total),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	RunView run(ResultSet rs) throws SQLException {
		return run(rs, approvals(rs.getString("approvals")));
	}

	static RunView run(ResultSet rs, List<RunApproval> approvals) throws SQLException {
		Instant started = nullableInstant(rs, "started_at");
		Instant finished = nullableInstant(rs, "finished_at");
		Double duration = (started != null && finished != null)
				? Duration.between(started, finished).toMillis() / 1000.0 : null;
		return new RunView(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getString("kind"),
				rs.getString("step"), rs.getString("status"), rs.getBigDecimal("cost_usd").doubleValue(), started,
				finished, duration, instant(rs, "created_at"), instant(rs, "updated_at"), approvals);
	}

	private List<RunApproval> approvals(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		List<RunApproval> approvals = new ArrayList<>();
		for (Map<String, @Nullable Object> row : this.json.readValue(text, ROWS)) {
			approvals.add(new RunApproval(UUID.fromString(text(row, "id")), text(row, "step"), text(row, "status"),
					nullableText(row, "comment"), nullableText(row, "decided_by"),
					OffsetDateTime.parse(text(row, "created_at")).toInstant(), timestamp(row, "decided_at")));
		}
		return approvals;
	}

	private static String text(Map<String, @Nullable Object> row, String key) {
		Object value = row.get(key);
		if (value == null) {
			throw new IllegalStateException("An approval without " + key);
		}
		return value.toString();
	}

	private static @Nullable String nullableText(Map<String, @Nullable Object> row, String key) {
		Object value = row.get(key);
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable Instant timestamp(Map<String, @Nullable Object> row, String key) {
		String value = nullableText(row, key);
		return (value != null) ? OffsetDateTime.parse(value).toInstant() : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** A row of a page and how many rows match. */
	private record Counted(ProjectView project, long total) {

	}

}
