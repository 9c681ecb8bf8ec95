package io.temponest.scheduler.execution;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.scheduler.schedule.Schedules;
import io.temponest.security.web.Paging;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A schedule's execution history and its trigger-now route. */
@RestController
@RequestMapping("/schedules/{id}")
@Tag(name = "executions")
class ExecutionController {

	private final Executions executions;

	ExecutionController(Executions executions) {
		this.executions = executions;
	}

	@PostMapping("/trigger")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize("hasAuthority('schedules:execute')")
	@Operation(summary = "Queue a run now (202 with the execution); inactive schedules are 404")
	TriggerResponse trigger(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id) {
		return TriggerResponse.of(this.executions.trigger(caller, id));
	}

	@GetMapping("/executions")
	@PreAuthorize("hasAuthority('schedules:read')")
	@Operation(
			summary = "Executions newest first, optionally of one status: an array with skip/limit (or no "
					+ "paging parameters), the envelope {executions,total,page,page_size} with page/page_size",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of executions, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { ExecutionResponse[].class, ExecutionPage.class }))))
	Object history(@PathVariable UUID id, @RequestParam(required = false) @Min(1) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable ExecutionStatus status) {
		Paging paging = Paging.of(page, pageSize, skip, limit);
		Schedules.Page<ExecutionRecord> result = this.executions.history(id, status, paging.offset(), paging.limit());
		List<ExecutionResponse> items = result.items().stream().map(ExecutionResponse::of).toList();
		if (!paging.envelope()) {
			return items;
		}
		return new ExecutionPage(items, result.total(), paging.page(), paging.pageSize());
	}

}
