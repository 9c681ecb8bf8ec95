package io.temponest.security.tenant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.postgresql.PGStatement;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads of one tenant in one round trip to PostgreSQL: the tenant setting and the query
 * travel as one pipelined message batch ({@code SELECT set_config(...); <query>}), which
 * PostgreSQL runs as one implicit transaction, so row-level security sees the tenant for
 * exactly that query and the setting is gone afterwards. No {@code BEGIN}, no
 * {@code COMMIT}. Called inside a transaction (whose tenant the tenant-aware transaction
 * manager set when it began), the query simply runs in that transaction; asking there for
 * another tenant than the current one is refused. Work of several statements belongs in
 * {@link TenantTransactions}.
 * <p>
 * pgjdbc turns a statement it runs often into a server-side prepared one (planned once),
 * but it re-prepares such a pair wrongly when a parameter's type changes between calls (a
 * {@code null}, then a value), and the query then no longer sees the tenant's rows (a
 * test shows it). So every call of a statement must bind the parameter types of its first
 * call ({@link ParameterSignatures}), and a call that does not is refused with an
 * {@link IllegalArgumentException} rather than risk another tenant's view: declare the
 * SQL type of parameters that may be null, with
 * {@code MapSqlParameterSource.addValue(name, value, sqlType)}.
 */
public class TenantQueries {

	private static final String SET_TENANT = "SELECT set_config('app.current_tenant', ?, true);\n";

	private final JdbcOperations jdbc;

	private final Supplier<Optional<UUID>> currentTenant;

	private final ParameterSignatures preparedSignatures = new ParameterSignatures();

	/** Statements parsed once (at most as many as have their signatures remembered). */
	private final Map<String, ParsedSql> parsedStatements = new ConcurrentHashMap<>();

	/**
	 * Create the reader.
	 * @param jdbc runs the statements (its data source must be in auto-commit mode)
	 * @param currentTenant supplies the tenant of the current thread, if any
	 */
	public TenantQueries(JdbcOperations jdbc, Supplier<Optional<UUID>> currentTenant) {
		this.jdbc = jdbc;
		this.currentTenant = currentTenant;
	}

	/**
	 * Run one query as the current thread's tenant (see {@link CurrentTenant}); without
	 * one, tenant-scoped tables show no rows.
	 * @param sql one statement with {@code :name} parameters
	 * @param params the parameter values
	 * @param rowMapper maps each row
	 * @param <T> the row type
	 * @return the rows
	 */
	public <T> List<T> query(String sql, SqlParameterSource params, RowMapper<T> rowMapper) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return inTransaction(sql, params, rowMapper);
		}
		return run(this.currentTenant.get().map(UUID::toString).orElse(""), sql, params, rowMapper);
	}

	/**
	 * Run one query that finds at most one row, as the current thread's tenant.
	 * @param sql one statement with {@code :name} parameters
	 * @param params the parameter values
	 * @param rowMapper maps the row
	 * @param <T> the row type
	 * @return the row, if there is one
	 * @throws IncorrectResultSizeDataAccessException when there are several
	 */
	public <T> Optional<T> queryOptional(String sql, SqlParameterSource params, RowMapper<T> rowMapper) {
		return atMostOne(query(sql, params, rowMapper));
	}

	/**
	 * Run one query as a tenant.
	 * @param tenantId the tenant row-level security shows
	 * @param sql one statement with {@code :name} parameters
	 * @param params the parameter values
	 * @param rowMapper maps each row
	 * @param <T> the row type
	 * @return the rows
	 * @throws IllegalStateException when called inside a transaction of another tenant
	 */
	public <T> List<T> query(UUID tenantId, String sql, SqlParameterSource params, RowMapper<T> rowMapper) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			if (!this.currentTenant.get().filter(tenantId::equals).isPresent()) {
				throw new IllegalStateException("A read of one tenant inside a transaction of another tenant");
			}
			return inTransaction(sql, params, rowMapper);
		}
		return run(tenantId.toString(), sql, params, rowMapper);
	}

	private <T> List<T> inTransaction(String sql, SqlParameterSource params, RowMapper<T> rowMapper) {
		ParsedSql parsed = parse(sql);
		return this.jdbc.query(NamedParameterUtils.substituteNamedParameters(parsed, params),
				new ArgumentPreparedStatementSetter(NamedParameterUtils.buildValueArray(parsed, params, null)),
				rowMapper);
	}

	private <T> List<T> run(String tenant, String sql, SqlParameterSource params, RowMapper<T> rowMapper) {
		ParsedSql parsed = parse(sql);
		String statement = SET_TENANT + NamedParameterUtils.substituteNamedParameters(parsed, params);
		Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
		boolean serverPrepared = this.preparedSignatures.check(statement, values);
		List<T> rows = this.jdbc.execute(statement, (PreparedStatement ps) -> {
			if (!serverPrepared) {
				ps.unwrap(PGStatement.class).setPrepareThreshold(0);
			}
			ps.setString(1, tenant);
			for (int i = 0; i < values.length; i++) {
				StatementCreatorUtils.setParameterValue(ps, i + 2, SqlTypeValue.TYPE_UNKNOWN, values[i]);
			}
			ps.execute();
			if (!ps.getMoreResults()) {
				throw new IllegalStateException("The tenant read returned no result set");
			}
			try (ResultSet resultSet = ps.getResultSet()) {
				return new RowMapperResultSetExtractor<>(rowMapper).extractData(resultSet);
			}
		});
		return (rows != null) ? rows : List.of();
	}

	/**
	 * Run one query that finds at most one row, as a tenant.
	 * @param tenantId the tenant row-level security shows
	 * @param sql one statement with {@code :name} parameters
	 * @param params the parameter values
	 * @param rowMapper maps the row
	 * @param <T> the row type
	 * @return the row, if there is one
	 * @throws IncorrectResultSizeDataAccessException when there are several
	 */
	public <T> Optional<T> queryOptional(UUID tenantId, String sql, SqlParameterSource params, RowMapper<T> rowMapper) {
		return atMostOne(query(tenantId, sql, params, rowMapper));
	}

	private ParsedSql parse(String sql) {
		ParsedSql parsed = this.parsedStatements.get(sql);
		if (parsed == null) {
			parsed = NamedParameterUtils.parseSqlStatement(sql);
			if (this.parsedStatements.size() < ParameterSignatures.LIMIT) {
				this.parsedStatements.putIfAbsent(sql, parsed);
			}
		}
		return parsed;
	}

	private static <T> Optional<T> atMostOne(List<T> rows) {
		if (rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(1, rows.size());
		}
		return rows.stream().findFirst();
	}

}
