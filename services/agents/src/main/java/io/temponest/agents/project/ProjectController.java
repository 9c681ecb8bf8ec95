package io.temponest.agents.project;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
 * The console's projects: the list (last updated first, with run counters), one by slug,
 * create, the kanban move, and how many are active.
 */
@RestController
@RequestMapping("/api/projects")
@Tag(name = "projects")
class ProjectController {

	/** Largest page of projects. */
	static final int MAX_LIMIT = 100;

	private final ProjectQueries queries;

	private final ProjectWrites writes;

	ProjectController(ProjectQueries queries, ProjectWrites writes) {
		this.queries = queries;
		this.writes = writes;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The tenant's projects, last updated first (or newest first, or by name), optionally of "
			+ "one kanban column")
	ProjectPage list(@RequestParam(required = false) @Min(1) @Max(1_000_000) @Nullable Integer page,
			@RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) @Nullable Integer limit,
			@RequestParam(required = false) @Pattern(regexp = ProjectPatch.STATUSES,
					message = "must be idle, research, build, qa, deploy or live") @Nullable String status,
			@RequestParam(required = false) @Pattern(regexp = ProjectSort.VALUES,
					message = ProjectSort.MESSAGE) @Nullable String sort) {
		int p = (page != null) ? page : 1;
		int size = (limit != null) ? limit : 20;
		ProjectQueries.Page result = this.queries.list(status, ProjectSort.of(sort), (long) (p - 1) * size, size);
		return new ProjectPage(result.projects(), result.total(), p, size);
	}

	@GetMapping("/active-count")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "How many projects the tenant has, and how many are not idle")
	ProjectCounts counts() {
		return this.queries.counts();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Create a project (idle); without a slug, one is made of the name",
			responses = @ApiResponse(responseCode = "409", description = "The tenant has a project of this slug"))
	ProjectView create(@AuthenticationPrincipal AuthPrincipal caller, @Valid @RequestBody ProjectRequest request) {
		return this.writes.create(caller, request);
	}

	@GetMapping("/{slug}")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "One project with its run counters")
	ProjectView get(@PathVariable String slug) {
		return this.queries.find(slug).orElseThrow(ProjectProblems.ProjectNotFoundException::new);
	}

	@PatchMapping("/{slug}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Move a project to another kanban column")
	ProjectView move(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String slug,
			@Valid @RequestBody ProjectPatch patch) {
		return this.writes.move(caller, slug, patch);
	}

}
