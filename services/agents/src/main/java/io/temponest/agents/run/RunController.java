package io.temponest.agents.run;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.agents.llm.LlmPrompt;
import io.temponest.agents.llm.LlmProperties;
import io.temponest.agents.llm.ModelChoice;
import io.temponest.agents.role.AgentRole;
import io.temponest.agents.role.RolePrompt;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /{role}/run} for the seven built-in roles: the role's prompt on its
 * configured model, the answer read into the role's structure.
 */
@RestController
@Tag(name = "agent runs")
class RunController {

	private final AgentRuns runs;

	private final RoleModels models;

	private final LlmProperties llm;

	RunController(AgentRuns runs, RoleModels models, LlmProperties llm) {
		this.runs = runs;
		this.models = models;
		this.llm = llm;
	}

	@PostMapping("/{role:overseer|developer|qa-tester|devops|designer|security-auditor|ux-researcher}/run")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Run a built-in role on a task; 402 over budget, 502/503/504 when the provider fails",
			responses = { @ApiResponse(responseCode = "200", description = "The completed run",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = AgentRunResponse.class))) })
	@ProviderFailureResponses
	Object run(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String role,
			@Valid @RequestBody AgentRunRequest request) {
		AgentRole agentRole = AgentRole.ofSlug(role).orElseThrow();
		ModelChoice model = this.models.modelFor(agentRole);
		Map<String, Object> context = (request.context() != null) ? request.context() : Map.of();
		String task = request.task();
		RolePrompt prompt = agentRole.prompt(task, context);
		RunCommand command = new RunCommand(caller.tenantUuid(), caller.userUuid().orElse(null), agentRole.id(),
				agentRole.slug(), agentRole.slug(), model,
				new LlmPrompt(prompt.system(), prompt.user(), agentRole.temperature(), agentRole.maxAnswerTokens()),
				task, context, agentRole.taskTokenBudget(), request.projectId(), request.workflowId(),
				request.idempotencyKey(), agentRole::parse);
		return this.runs.run(command,
				(result) -> AgentRunResponse.of(command, result, agentRole.modelInfoKey().orElse(null), this.llm));
	}

}
