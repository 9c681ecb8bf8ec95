package io.temponest.agents.project;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
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
 * The runs of a project: newest first by keyset ({@code cursor}) or offset
 * ({@code page}), without logs; a run's log on its own; create a run and report its
 * progress.
 */
@RestController
@RequestMapping("/api/projects/{slug}/runs")
@Tag(name = "projects")
class ProjectRunController {

	/** Runs per page unless asked otherwise. */
	static final int DEFAULT_LIMIT = 20;

	/** Largest page of runs. */
	static final int MAX_LIMIT = 100;

	private final ProjectQueries queries;

	private final ProjectWrites writes;

	ProjectRunController(ProjectQueries queries, ProjectWrites writes) {
		this.queries = queries;
		this.writes = writes;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "A project's runs, newest first, without logs: pages by the opaque cursor of the "
			+ "previous page (next_cursor, null on the last page), or by page number")
	RunPage list(@PathVariable String slug,
			@RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) @Nullable Integer limit,
			@RequestParam(required = false) @Size(max = 200) @Nullable String cursor,
			@RequestParam(required = false) @Min(1) @Max(1_000_000) @Nullable Integer page) {
		if (cursor != null && page != null) {
			throw new ProjectProblems.MixedPagingException();
		}
		RunCursor after = (cursor != null && !cursor.isEmpty()) ? RunCursor.decode(cursor) : null;
		int size = (limit != null) ? limit : DEFAULT_LIMIT;
		ProjectView project = this.queries.find(slug).orElseThrow(ProjectProblems.ProjectNotFoundException::new);
		if (page != null) {
			List<RunView> runs = this.queries.page(project.id(), (long) (page - 1) * size, size);
			return new RunPage(runs, null, size, page, project.runsTotal());
		}
		List<RunView> runs = this.queries.newest(project.id(), after, size + 1);
		if (runs.size() <= size) {
			return new RunPage(runs, null, size, null, project.runsTotal());
		}
		List<RunView> shown = runs.subList(0, size);
		RunView last = shown.get(size - 1);
		return new RunPage(List.copyOf(shown), new RunCursor(last.createdAt(), last.id()).encode(), size, null,
				project.runsTotal());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Create a run of the project (its counters change with it)")
	RunView create(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String slug,
			@Valid @RequestBody RunRequest request) {
		return this.writes.createRun(caller, slug, request);
	}

	@PatchMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Report a run's progress: status, log (replaced) or cost", responses = {
			@ApiResponse(responseCode = "200", description = "The run",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = RunView.class))),
			@ApiResponse(responseCode = "409", description = "The run has finished; its status cannot change") })
	RunView update(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String slug, @PathVariable UUID id,
			@Valid @RequestBody RunPatch patch) {
		return this.writes.updateRun(caller, slug, id, patch);
	}

	@GetMapping("/{id}/logs")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "A run's log")
	RunLogs logs(@PathVariable String slug, @PathVariable UUID id) {
		return this.queries.logs(slug, id).orElseThrow(ProjectProblems.RunNotFoundException::new);
	}

}
