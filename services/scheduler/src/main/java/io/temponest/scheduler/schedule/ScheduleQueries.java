package io.temponest.scheduler.schedule;

import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.tenant.TenantQueries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The API's reads of {@code scheduler.scheduled_tasks}, each one statement sent with the
 * caller's tenant in one round trip (no transaction), row-level security applying as in a
 * transaction.
 */
@Repository
class ScheduleQueries {

	private final TenantQueries queries;

	private final ScheduleRows rows;

	ScheduleQueries(TenantQueries queries, ScheduleRows rows) {
		this.queries = queries;
		this.rows = rows;
	}

	Optional<ScheduleRecord> find(UUID id) {
		return this.queries.queryOptional(
				"SELECT " + ScheduleRows.COLUMNS + " FROM scheduler.scheduled_tasks WHERE id = :id",
				new MapSqlParameterSource("id", id), this.rows::map);
	}

	/**
	 * A page of the tenant's schedules, newest first, with the number of all that match
	 * (counted by the same statement).
	 */
	Schedules.Page<ScheduleRecord> page(ScheduleFilter filter, long offset, int limit) {
		MapSqlParameterSource params = filter(filter).addValue("limit", limit).addValue("offset", offset);
		List<Counted> rows = this.queries.query(
				"SELECT " + ScheduleRows.COLUMNS
						+ ", count(*) OVER () AS total_matching FROM scheduler.scheduled_tasks WHERE "
						+ ScheduleRows.FILTER + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
				params, (rs, row) -> new Counted(this.rows.map(rs, row), rs.getLong("total_matching")));
		if (rows.isEmpty()) {
			return new Schedules.Page<>(List.of(), (offset > 0) ? count(filter) : 0);
		}
		return new Schedules.Page<>(rows.stream().map(Counted::schedule).toList(), rows.get(0).total());
	}

	private long count(ScheduleFilter filter) {
		return this.queries
			.queryOptional("SELECT count(*) FROM scheduler.scheduled_tasks WHERE " + ScheduleRows.FILTER,
					filter(filter), (rs, row) -> rs.getLong(1))
			.orElse(0L);
	}

	/**
	 * The filter's values, typed so that a missing one binds as the same type as a given
	 * one.
	 */
	private static MapSqlParameterSource filter(ScheduleFilter filter) {
		return new MapSqlParameterSource().addValue("active", filter.active(), Types.BOOLEAN)
			.addValue("agent", filter.agentName(), Types.VARCHAR);
	}

	/** A schedule of a page and the number of all schedules that match the filter. */
	private record Counted(ScheduleRecord schedule, long total) {

	}

}
