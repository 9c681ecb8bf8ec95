package io.temponest.agents.execution;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.web.DomainException;
import io.temponest.security.web.Paging;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /executions} (a bare array with skip/limit, the envelope with
 * page/page_size) and {@code GET /executions/{id}}, newest first, for the caller's
 * tenant.
 */
@RestController
@RequestMapping("/executions")
@Tag(name = "executions")
class ExecutionController {

	private final ExecutionQueries executions;

	ExecutionController(ExecutionQueries executions) {
		this.executions = executions;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(
			summary = "The tenant's runs, newest first, optionally of one agent or status (a bare array with "
					+ "skip/limit, the envelope {executions,total,page,page_size} with page/page_size)",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of executions, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { AgentExecution[].class, ExecutionPage.class }))))
	Object list(@RequestParam(required = false) @Min(1) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(name = "agent_id", required = false) @Nullable UUID agentId,
			@RequestParam(required = false) @Pattern(regexp = "pending|running|completed|failed",
					message = "must be pending, running, completed or failed") @Nullable String status) {
		Paging paging = Paging.of(page, pageSize, skip, limit);
		ExecutionQueries.Page result = this.executions.list(agentId, status, paging.offset(), paging.limit());
		if (!paging.envelope()) {
			return result.executions();
		}
		return new ExecutionPage(result.executions(), result.total(), paging.page(), paging.pageSize());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "One run, with its answer and result")
	AgentExecution get(@PathVariable UUID id) {
		return this.executions.find(id).orElseThrow(ExecutionNotFoundException::new);
	}

	/** No execution with that id in the caller's tenant. */
	static final class ExecutionNotFoundException extends DomainException {

		private static final long serialVersionUID = 1L;

		ExecutionNotFoundException() {
			super(HttpStatus.NOT_FOUND, "Execution not found");
		}

	}

}
