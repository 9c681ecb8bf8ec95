package io.temponest.security;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Explicit tenant for work that has no authenticated principal of that tenant (login
 * before the user is known, background jobs, a superuser acting in another tenant).
 * Transactions started inside {@link #callAs} set {@code app.current_tenant} to this
 * tenant; otherwise the authenticated principal's tenant is used.
 */
public final class TenantScope {

	private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

	private TenantScope() {
	}

	/**
	 * Run work with a tenant.
	 * @param tenantId the tenant
	 * @param work the work
	 * @param <T> the result type
	 * @return the work's result
	 */
	public static <T> T callAs(UUID tenantId, Supplier<T> work) {
		UUID previous = CURRENT.get();
		CURRENT.set(tenantId);
		try {
			return work.get();
		}
		finally {
			if (previous == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(previous);
			}
		}
	}

	/**
	 * Run work with a tenant.
	 * @param tenantId the tenant
	 * @param work the work
	 */
	public static void runAs(UUID tenantId, Runnable work) {
		callAs(tenantId, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * The explicit tenant of the current thread.
	 * @return the tenant, or empty outside {@link #callAs}
	 */
	public static Optional<UUID> explicitTenant() {
		return Optional.ofNullable(CURRENT.get());
	}

}
