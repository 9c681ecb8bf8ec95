package io.temponest.agents.cost;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's daily and monthly budgets: reading them needs {@code costs:read},
 * changing them (a tenant setting) {@code tenants:manage}.
 */
@RestController
@RequestMapping("/costs/budget")
@Tag(name = "costs")
class BudgetController {

	private final Budgets budgets;

	BudgetController(Budgets budgets) {
		this.budgets = budgets;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('costs:read')")
	@Operation(summary = "The tenant's budget limits (null: no limit) and alert threshold (a fraction)")
	BudgetConfig get(@AuthenticationPrincipal AuthPrincipal caller) {
		return this.budgets.config(caller.tenantUuid());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('tenants:manage')")
	@Operation(summary = "Set the tenant's budget limits and alert threshold; a null limit clears it. "
			+ "Runs are refused with 402 once a limit is reached")
	BudgetConfig set(@AuthenticationPrincipal AuthPrincipal caller, @Valid @RequestBody BudgetConfig config) {
		return this.budgets.set(caller.tenantUuid(), caller.userUuid().orElse(null), config);
	}

	@GetMapping("/status")
	@PreAuthorize("hasAuthority('costs:read')")
	@Operation(summary = "Spend of the current UTC day and month: *_usage, and *_limit with *_percentage "
			+ "(a fraction) when that limit is set; alerts_triggered lists this period's alerts")
	Map<String, Object> status(@AuthenticationPrincipal AuthPrincipal caller) {
		return this.budgets.status(caller.tenantUuid());
	}

}
