package io.temponest.agents.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console dashboard's tiles and agent cards.
 */
@RestController
@Tag(name = "dashboard")
class DashboardController {

	private final Dashboard dashboard;

	DashboardController(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/api/dashboard/kpis")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The KPI tiles: projects (all, active), runs of the last 24 hours, queue depth, running "
			+ "runs and the agents' health; up to a minute old, fresh after a project or run change")
	Kpis kpis(@AuthenticationPrincipal AuthPrincipal caller) {
		return this.dashboard.kpis(caller.tenantUuid());
	}

	@GetMapping("/api/agents/health")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The agent cards: every built-in and tenant agent with its health, success rate and "
			+ "executions of the last 24 hours and its last execution")
	AgentCards cards(@AuthenticationPrincipal AuthPrincipal caller) {
		return this.dashboard.cards(caller.tenantUuid());
	}

}
