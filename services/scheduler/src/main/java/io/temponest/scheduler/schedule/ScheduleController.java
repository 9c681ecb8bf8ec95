package io.temponest.scheduler.schedule;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.web.Paging;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Schedules CRUD, pause and resume, for the original server's clients and the SDK/CLI.
 */
@RestController
@RequestMapping("/schedules")
@Tag(name = "schedules")
class ScheduleController {

	private final Schedules schedules;

	private final SchedulePatchReader patches;

	ScheduleController(Schedules schedules, SchedulePatchReader patches) {
		this.schedules = schedules;
		this.patches = patches;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('schedules:write')")
	@Operation(summary = "Create a schedule (server body or SDK body {agent_id, cron_expression, task_config})",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "The server body {name, schedule_type, cron_expression | interval_seconds | "
							+ "scheduled_time, timezone, agent_name, task_payload, ...} or the SDK body {agent_id, "
							+ "cron_expression, task_config}; the aliases agent_name/agent_id and task_payload/task_config "
							+ "must agree when both are given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = CreateScheduleRequest.class))),
			responses = @ApiResponse(responseCode = "201", description = "The schedule",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = ScheduleResponse.class))))
	ScheduleResponse create(@AuthenticationPrincipal AuthPrincipal caller,
			@Valid @RequestBody CreateScheduleRequest request) {
		return ScheduleResponse.of(this.schedules.create(caller, request.toDefinition()));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('schedules:read')")
	@Operation(
			summary = "The tenant's schedules, newest first: an array with skip/limit (or no paging "
					+ "parameters), the envelope {tasks,total,page,page_size} with page/page_size",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of schedules, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { ScheduleResponse[].class, SchedulePage.class }))))
	Object list(@RequestParam(required = false) @Min(1) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(name = "is_active", required = false) @Nullable Boolean active,
			@RequestParam(name = "agent_id", required = false) @Size(max = 50) @Nullable String agentId,
			@RequestParam(name = "agent_name", required = false) @Size(max = 50) @Nullable String agentName) {
		Paging paging = Paging.of(page, pageSize, skip, limit);
		ScheduleFilter filter = new ScheduleFilter(active, (agentName != null) ? agentName : agentId);
		Schedules.Page<ScheduleRecord> result = this.schedules.list(filter, paging.offset(), paging.limit());
		List<ScheduleResponse> items = result.items().stream().map(ScheduleResponse::of).toList();
		if (!paging.envelope()) {
			return items;
		}
		return new SchedulePage(items, result.total(), paging.page(), paging.pageSize());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('schedules:read')")
	@Operation(summary = "One schedule")
	ScheduleResponse get(@PathVariable UUID id) {
		return ScheduleResponse.of(this.schedules.get(id));
	}

	@PatchMapping("/{id}")
	@PreAuthorize("hasAuthority('schedules:write')")
	@Operation(summary = "Change any updatable fields (an empty body changes nothing); unknown fields are 422",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = SchedulePatchRequest.class))))
	ScheduleResponse update(@PathVariable UUID id, @RequestBody(required = false) @Nullable ObjectNode body) {
		ObjectNode fields = (body != null) ? body : JsonNodeFactory.instance.objectNode();
		return ScheduleResponse.of(this.schedules.update(id, this.patches.read(fields)));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('schedules:write')")
	@Operation(summary = "Delete a schedule and its executions",
			responses = @ApiResponse(responseCode = "204", description = "Deleted"))
	ResponseEntity<Void> delete(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id) {
		this.schedules.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/pause")
	@PreAuthorize("hasAuthority('schedules:write')")
	@Operation(summary = "Pause a schedule (is_paused=true)")
	ScheduleResponse pause(@PathVariable UUID id) {
		return ScheduleResponse.of(this.schedules.setPaused(id, true));
	}

	@PostMapping("/{id}/resume")
	@PreAuthorize("hasAuthority('schedules:write')")
	@Operation(summary = "Resume a schedule (is_paused=false); occurrences missed while paused are skipped")
	ScheduleResponse resume(@PathVariable UUID id) {
		return ScheduleResponse.of(this.schedules.setPaused(id, false));
	}

}
