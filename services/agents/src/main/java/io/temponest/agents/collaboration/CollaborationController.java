package io.temponest.agents.collaboration;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.agents.collaboration.CollaborationProblems.TemplateNotFoundException;
import io.temponest.agents.knowledge.ForwardedCredentials;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SDK's collaboration API: {@code POST /collaboration/execute} answers 202 with the
 * session as accepted ({@code running}; poll {@code GET /collaboration/sessions/{id}}),
 * sessions listed as a bare array, cancel, the patterns and the templates.
 */
@RestController
@RequestMapping("/collaboration")
@Tag(name = "collaboration")
class CollaborationController {

	private static final String READ = "hasAuthority('agents:read')";

	private static final String EXECUTE = "hasAuthority('agents:execute')";

	private final Collaboration collaboration;

	private final CollaborationProperties properties;

	CollaborationController(Collaboration collaboration, CollaborationProperties properties) {
		this.collaboration = collaboration;
		this.properties = properties;
	}

	@PostMapping("/execute")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize(EXECUTE)
	@Operation(summary = "Start a session of several agents in a pattern; it runs in the background (status running)",
			responses = { @ApiResponse(responseCode = "202", description = "The session, running"),
					@ApiResponse(responseCode = "422",
							description = "An unknown pattern or agent, or what the pattern needs is missing"),
					@ApiResponse(responseCode = "503", description = "Too many sessions running") })
	SessionView execute(@AuthenticationPrincipal AuthPrincipal caller, @Valid @RequestBody CollaborationRequest request,
			HttpServletRequest servletRequest) {
		SessionPlan plan = this.collaboration.plan(request);
		return this.collaboration.start(caller, ForwardedCredentials.of(servletRequest), plan);
	}

	@GetMapping("/sessions")
	@PreAuthorize(READ)
	@Operation(summary = "The tenant's sessions, newest first, with their steps (a bare array)")
	List<SessionView> list(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(required = false) @Min(0) @Max(1_000_000) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(required = false) @Pattern(regexp = "sequential|parallel|iterative|hierarchical",
					message = "must be sequential, parallel, iterative or hierarchical") @Nullable String pattern,
			@RequestParam(required = false) @Pattern(regexp = "pending|running|completed|failed",
					message = "must be pending, running, completed or failed") @Nullable String status) {
		return this.collaboration.list(caller, pattern, status, (skip != null) ? skip : 0,
				(limit != null) ? limit : 20);
	}

	@GetMapping("/sessions/{id}")
	@PreAuthorize(READ)
	@Operation(summary = "One session with its steps (input, output, tokens, cost of each)")
	SessionView get(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id) {
		return this.collaboration.get(caller, id);
	}

	@PostMapping("/sessions/{id}/cancel")
	@PreAuthorize(EXECUTE)
	@Operation(summary = "Cancel a session: no further step starts; it is reported failed with cancelled true "
			+ "(accepted whatever its state)")
	SessionView cancel(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id) {
		return this.collaboration.cancel(caller, id);
	}

	@GetMapping("/patterns")
	@PreAuthorize(READ)
	@Operation(summary = "The four patterns, with what each is for")
	Map<String, List<PatternView>> patterns() {
		return Map.of("patterns",
				Arrays.stream(CollaborationPattern.values())
					.map((pattern) -> new PatternView(pattern.id(), pattern.description(), List.of(pattern.useCases())))
					.toList());
	}

	@GetMapping("/templates")
	@PreAuthorize(READ)
	@Operation(summary = "The ready-made sessions: full-stack feature, security review, parallel analysis")
	List<Templates.TemplateView> templates() {
		return Templates.ALL.stream().map(Templates.TemplateView::of).toList();
	}

	@PostMapping("/templates/{id}/execute")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize(EXECUTE)
	@Operation(summary = "Start a template's session on the given input",
			responses = { @ApiResponse(responseCode = "202", description = "The session, running"),
					@ApiResponse(responseCode = "404", description = "No such template") })
	SessionView executeTemplate(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String id,
			@Valid @RequestBody TemplateRequest request, HttpServletRequest servletRequest) {
		Templates.Template template = Templates.of(id).orElseThrow(TemplateNotFoundException::new);
		return this.collaboration.start(caller, ForwardedCredentials.of(servletRequest),
				template.plan(request.input(), request.context(), this.properties));
	}

	/**
	 * A pattern as listed.
	 *
	 * @param name the pattern
	 * @param description what it does
	 * @param useCases what it is for
	 */
	record PatternView(String name, String description, List<String> useCases) {

	}

}
