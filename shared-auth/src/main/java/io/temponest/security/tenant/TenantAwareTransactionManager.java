package io.temponest.security.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * A JDBC transaction manager that starts every transaction with
 * {@code SELECT set_config('app.current_tenant', ?, true)}, so that PostgreSQL row-level
 * security sees the current tenant for exactly that transaction (safe with pooled
 * connections). Without a tenant the setting is empty and tenant-scoped tables show no
 * rows.
 */
public class TenantAwareTransactionManager extends JdbcTransactionManager {

	private static final long serialVersionUID = 1L;

	private static final String SET_TENANT = "SELECT set_config('app.current_tenant', ?, true)";

	private final transient Supplier<Optional<UUID>> currentTenant;

	/**
	 * Create a transaction manager.
	 * @param dataSource the data source
	 * @param currentTenant supplies the tenant of the current thread, if any
	 */
	public TenantAwareTransactionManager(DataSource dataSource, Supplier<Optional<UUID>> currentTenant) {
		super(dataSource);
		this.currentTenant = currentTenant;
	}

	@Override
	protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
			throws SQLException {
		super.prepareTransactionalConnection(connection, definition);
		try (PreparedStatement statement = connection.prepareStatement(SET_TENANT)) {
			statement.setString(1, this.currentTenant.get().map(UUID::toString).orElse(""));
			statement.execute();
		}
	}

}
