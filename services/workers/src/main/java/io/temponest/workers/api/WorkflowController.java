package io.temponest.workers.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Project pipelines of the caller's tenant: start, state, cancel, list. */
@RestController
@RequestMapping("/api/workflows")
@Tag(name = "workflows")
class WorkflowController {

	private final Pipelines pipelines;

	WorkflowController(Pipelines pipelines) {
		this.pipelines = pipelines;
	}

	@PostMapping("/pipelines")
	@PreAuthorize("hasAuthority('workflows:create')")
	@Operation(summary = "Start a project pipeline; the same idempotency_key in the tenant answers the first one (200)",
			responses = {
					@ApiResponse(responseCode = "201", description = "Started",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = StartedWorkflow.class))),
					@ApiResponse(responseCode = "200", description = "The tenant's pipeline of this key",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = StartedWorkflow.class))) })
	ResponseEntity<StartedWorkflow> start(@AuthenticationPrincipal AuthPrincipal caller,
			@Valid @RequestBody StartPipelineRequest request) {
		Pipelines.Started started = this.pipelines.start(caller, request);
		return ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK).body(started.workflow());
	}

	@GetMapping
	@PreAuthorize("hasAuthority('workflows:read')")
	@Operation(summary = "The tenant's pipelines, newest first (keyset pages: pass next_cursor as cursor)")
	WorkflowPage list(@RequestParam(required = false) @Size(max = 200) @Nullable String cursor,
			@RequestParam(required = false) @Pattern(
					regexp = "running|completed|cancelled|timeout|failed|ready_for_deployment") @Nullable String status,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit) {
		return this.pipelines.list(cursor, status, limit);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('workflows:read')")
	@Operation(summary = "A pipeline's state: status, current step, executed tasks, pending approvals")
	WorkflowView get(@PathVariable @Size(max = 255) String id) {
		return this.pipelines.view(id);
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAnyAuthority('workflows:create', 'workflows:delete')")
	@Operation(summary = "Cancel a running pipeline: its starter (workflows:create) or any holder of workflows:delete",
			responses = @ApiResponse(responseCode = "202", description = "Cancellation requested",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = StartedWorkflow.class))))
	ResponseEntity<StartedWorkflow> cancel(@AuthenticationPrincipal AuthPrincipal caller,
			@PathVariable @Size(max = 255) String id) {
		return ResponseEntity.accepted().body(this.pipelines.cancel(caller, id));
	}

}
