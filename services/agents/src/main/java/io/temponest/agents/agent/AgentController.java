package io.temponest.agents.agent;

import java.io.IOException;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.agents.execution.AgentExecution;
import io.temponest.agents.knowledge.ForwardedCredentials;
import io.temponest.agents.run.AgentRunRequest;
import io.temponest.agents.run.AgentRunResponse;
import io.temponest.agents.run.ProviderFailureResponses;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

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
 * The SDK's agents API: list (built-in roles first), create, read, change and delete
 * tenant agents, and run any of them, synchronously or as a server-sent event stream.
 */
@RestController
@RequestMapping("/agents")
@Tag(name = "agents")
class AgentController {

	private final AgentCatalog catalog;

	private final AgentExecutor executor;

	AgentController(AgentCatalog catalog, AgentExecutor executor) {
		this.catalog = catalog;
		this.executor = executor;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(
			summary = "The seven built-in roles, then the tenant's agents (a bare array with skip/limit, "
					+ "the envelope {agents,total,page,page_size} with page/page_size)",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of agents, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { AgentView[].class, AgentPage.class }))))
	Object list(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(required = false) @Min(1) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(required = false) @Size(max = 255) @Nullable String search) {
		Paging paging = Paging.of(page, pageSize, skip, limit);
		String needle = (search != null && !search.isBlank()) ? search.strip() : null;
		AgentCatalog.Page result = this.catalog.list(caller, needle, paging.offset(), paging.limit());
		if (!paging.envelope()) {
			return result.agents();
		}
		return new AgentPage(result.agents(), result.total(), paging.page(), paging.pageSize());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Create a tenant agent")
	AgentView create(@AuthenticationPrincipal AuthPrincipal caller, @Valid @RequestBody AgentRequest request) {
		return this.catalog.create(caller, request);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "One agent, built-in or the tenant's")
	AgentView get(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id) {
		return this.catalog.get(caller, id);
	}

	@PatchMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Change a tenant agent's given fields (built-in roles cannot be changed: 403)")
	AgentView update(@PathVariable UUID id, @Valid @RequestBody AgentPatch patch) {
		return this.catalog.update(id, patch);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Delete a tenant agent (its executions stay)",
			responses = @ApiResponse(responseCode = "204", description = "Deleted"))
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.catalog.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/run")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(
			summary = "Run any agent of the catalog (a built-in role or the tenant's) with the run endpoints' "
					+ "body and answer: how the scheduler runs a schedule whose agent is an id",
			responses = @ApiResponse(responseCode = "200", description = "The completed run",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = AgentRunResponse.class))))
	@ProviderFailureResponses
	Object run(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id,
			@Valid @RequestBody AgentRunRequest request, HttpServletRequest servletRequest) {
		return this.executor.run(caller, ForwardedCredentials.of(servletRequest), id, request);
	}

	@PostMapping("/{id}/execute")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(
			summary = "Run an agent: the execution, or with stream=true a text/event-stream of "
					+ "'data: {\"content\": ...}' lines ending with 'data: [DONE]'",
			responses = { @ApiResponse(responseCode = "200", description = "The execution, or the event stream",
					content = {
							@Content(mediaType = "application/json",
									schema = @Schema(implementation = AgentExecution.class)),
							@Content(mediaType = "text/event-stream", schema = @Schema(type = "string")) }) })
	@ProviderFailureResponses
	@Nullable Object execute(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id,
			@Valid @RequestBody ExecuteRequest request, HttpServletRequest servletRequest, HttpServletResponse response)
			throws IOException {
		ForwardedCredentials credentials = ForwardedCredentials.of(servletRequest);
		if (Boolean.TRUE.equals(request.stream())) {
			this.executor.stream(caller, credentials, id, request, response);
			return null;
		}
		return this.executor.execute(caller, credentials, id, request);
	}

}
