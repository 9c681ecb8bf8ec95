package io.temponest.security.tenant;

import java.util.UUID;
import java.util.function.Supplier;

import io.temponest.security.TenantScope;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of one tenant: {@link TenantScope} wraps the transaction, so
 * the tenant-aware transaction manager sets {@code app.current_tenant} when the
 * transaction begins and row-level security applies to everything inside.
 */
public class TenantTransactions {

	private final TransactionTemplate writes;

	private final TransactionTemplate reads;

	public TenantTransactions(PlatformTransactionManager transactionManager) {
		this.writes = new TransactionTemplate(transactionManager);
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setReadOnly(true);
	}

	/**
	 * Run work in a read-write transaction of a tenant.
	 * @param tenantId the tenant
	 * @param work the work; an exception rolls the transaction back
	 * @param <T> the result type
	 * @return the work's result
	 */
	public <T> T write(UUID tenantId, Supplier<T> work) {
		return TenantScope.callAs(tenantId, () -> this.writes.execute((status) -> work.get()));
	}

	/**
	 * Run work without a result in a read-write transaction of a tenant.
	 * @param tenantId the tenant
	 * @param work the work; an exception rolls the transaction back
	 */
	public void run(UUID tenantId, Runnable work) {
		write(tenantId, () -> {
			work.run();
			return Boolean.TRUE;
		});
	}

	/**
	 * Run work in a read-only transaction of a tenant.
	 * @param tenantId the tenant
	 * @param work the work
	 * @param <T> the result type
	 * @return the work's result
	 */
	public <T> T read(UUID tenantId, Supplier<T> work) {
		return TenantScope.callAs(tenantId, () -> this.reads.execute((status) -> work.get()));
	}

}
