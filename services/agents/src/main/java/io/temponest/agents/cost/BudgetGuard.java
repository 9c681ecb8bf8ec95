package io.temponest.agents.cost;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.temponest.security.tenant.TenantQueries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Refuses a run before it calls the LLM when the tenant's daily or monthly spend has
 * reached its limit. A tenant's budgets are read with one indexed query and then trusted
 * for {@code temponest.costs.budget-cache-ttl} (2 s by default); this instance's own
 * ledger writes and budget changes update them at once, but runs recorded by other
 * instances during that time are not seen, so a tenant can overshoot a limit by what its
 * runs on other instances cost within one TTL (and always by the run that crosses it,
 * since a run is priced after it ran).
 */
@Component
public class BudgetGuard {

	static final String ACTIVE_BUDGETS = """
			SELECT budget_type, budget_amount_usd, current_spend_usd, period_start
			FROM agents.cost_budgets
			WHERE tenant_id = :tenantId AND is_active
			""";

	private static final int MAX_TENANTS = 10_000;

	private final TenantQueries queries;

	private final Clock clock;

	private final CostMetrics metrics;

	private final long ttlNanos;

	private final Map<UUID, Known> known = new ConcurrentHashMap<>();

	BudgetGuard(TenantQueries queries, Clock clock, CostMetrics metrics, CostProperties properties) {
		this.queries = queries;
		this.clock = clock;
		this.metrics = metrics;
		this.ttlNanos = properties.budgetCacheTtl().toNanos();
	}

	/**
	 * Refuse a run of a tenant whose daily or monthly budget is used up.
	 * @param tenantId the tenant
	 * @throws BudgetExceededException when a budget is used up
	 */
	public void check(UUID tenantId) {
		Instant now = this.clock.instant();
		for (BudgetState budget : budgets(tenantId)) {
			if (budget.usedUpAt(now)) {
				String type = budget.period().type();
				this.metrics.refusal(type);
				throw new BudgetExceededException(type, budget.limit(), budget.spendAt(now));
			}
		}
	}

	/**
	 * Take a tenant's active budgets as just written (by a committed ledger write).
	 * @param tenantId the tenant
	 * @param budgets the tenant's active budgets
	 */
	void remember(UUID tenantId, List<BudgetState> budgets) {
		if (this.known.size() >= MAX_TENANTS) {
			this.known.clear();
		}
		this.known.put(tenantId, new Known(List.copyOf(budgets), System.nanoTime()));
	}

	/**
	 * Read a tenant's budgets again at the next check (they were changed).
	 * @param tenantId the tenant
	 */
	void forget(UUID tenantId) {
		this.known.remove(tenantId);
	}

	private List<BudgetState> budgets(UUID tenantId) {
		Known cached = this.known.get(tenantId);
		if (cached != null && System.nanoTime() - cached.readAt() < this.ttlNanos) {
			return cached.budgets();
		}
		List<BudgetState> budgets = this.queries.query(tenantId, ACTIVE_BUDGETS,
				new MapSqlParameterSource("tenantId", tenantId), BudgetGuard::budget);
		remember(tenantId, budgets);
		return budgets;
	}

	static BudgetState budget(ResultSet rs, int row) throws SQLException {
		return new BudgetState(BudgetPeriod.of(rs.getString("budget_type")), rs.getBigDecimal("budget_amount_usd"),
				rs.getBigDecimal("current_spend_usd"),
				rs.getObject("period_start", java.time.OffsetDateTime.class).toInstant());
	}

	/** A tenant's budgets and when they were read. */
	private record Known(List<BudgetState> budgets, long readAt) {

	}

}
