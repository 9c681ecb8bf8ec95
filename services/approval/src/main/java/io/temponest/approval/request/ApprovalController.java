package io.temponest.approval.request;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approval API: workflows ask (workflows:create), people read (approvals:read) and
 * decide (approvals:approve) as themselves; decisions take JSON or form bodies.
 */
@RestController
@RequestMapping("/api/approvals")
@Tag(name = "approvals")
class ApprovalController {

	private static final int DEFAULT_LIMIT = 100;

	private final Approvals approvals;

	private final DecisionReasons reasons;

	ApprovalController(Approvals approvals, DecisionReasons reasons) {
		this.approvals = approvals;
		this.reasons = reasons;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('workflows:create')")
	@Operation(summary = "Ask for approval; the same idempotency_key of a tenant answers the request it created")
	ApprovalResponse create(@AuthenticationPrincipal AuthPrincipal caller,
			@Valid @RequestBody CreateApprovalRequest request) {
		return ApprovalResponse.of(this.approvals.create(caller, request.toCommand()));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('approvals:read')")
	@Operation(summary = "One request with its decisions; 404 for an unknown or malformed id")
	ApprovalResponse get(@PathVariable String id) {
		return ApprovalResponse.of(this.approvals.get(ApprovalIds.require(id)));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('approvals:read')")
	@Operation(
			summary = "The tenant's requests, newest first: an array (100 at most without paging parameters, "
					+ "skip/limit to page it), or the envelope {approvals,total,page,page_size} with page/page_size",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of requests, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { ApprovalSummary[].class, ApprovalPage.class }))))
	Object list(
			@RequestParam(required = false) @Pattern(regexp = ApprovalStatus.PATTERN,
					message = "must be one of pending, approved, denied, expired") @Nullable String status,
			@RequestParam(required = false) @Min(1) @Max(100_000) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Max(10_000_000) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit) {
		Integer size = (limit == null && page == null && pageSize == null) ? Integer.valueOf(DEFAULT_LIMIT) : limit;
		Paging paging = Paging.of(page, pageSize, skip, size);
		ApprovalStatus filter = (status != null) ? ApprovalStatus.of(status) : null;
		List<ApprovalSummary> items = this.approvals.list(filter, paging.offset(), paging.limit())
			.stream()
			.map(ApprovalSummary::of)
			.toList();
		if (!paging.envelope()) {
			return items;
		}
		return new ApprovalPage(items, this.approvals.count(filter), paging.page(), paging.pageSize());
	}

	@PostMapping("/{id}/approve")
	@PreAuthorize("hasAuthority('approvals:approve')")
	@Operation(summary = "Approve as the caller; the answer's status is the request's state after it", responses = {
			@ApiResponse(responseCode = "200", description = "Recorded"),
			@ApiResponse(responseCode = "403", description = "The caller requested it, or lacks the permission"),
			@ApiResponse(responseCode = "409", description = "Already decided by the caller, ended, or expired") },
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					description = "JSON {reason}, or form fields (urlencoded or multipart) reason; an approver "
							+ "field is ignored: the approver is the caller",
					content = {
							@Content(mediaType = "application/json",
									schema = @Schema(implementation = DecisionBody.class)),
							@Content(mediaType = "application/x-www-form-urlencoded",
									schema = @Schema(implementation = DecisionBody.class)),
							@Content(mediaType = "multipart/form-data",
									schema = @Schema(implementation = DecisionBody.class)) }))
	DecisionResponse approve(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String id,
			HttpServletRequest request) {
		return decide(caller, id, Decision.APPROVED, this.reasons.read(request));
	}

	@PostMapping("/{id}/deny")
	@PreAuthorize("hasAuthority('approvals:approve')")
	@Operation(summary = "Deny as the caller (a reason is required); the request ends at once", responses = {
			@ApiResponse(responseCode = "200", description = "Recorded"),
			@ApiResponse(responseCode = "403", description = "The caller requested it, or lacks the permission"),
			@ApiResponse(responseCode = "409", description = "Already decided by the caller, ended, or expired") },
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "JSON {reason}, or form fields (urlencoded or multipart) reason; an approver "
							+ "field is ignored: the approver is the caller",
					content = {
							@Content(mediaType = "application/json",
									schema = @Schema(implementation = DecisionBody.class)),
							@Content(mediaType = "application/x-www-form-urlencoded",
									schema = @Schema(implementation = DecisionBody.class)),
							@Content(mediaType = "multipart/form-data",
									schema = @Schema(implementation = DecisionBody.class)) }))
	DecisionResponse deny(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String id,
			HttpServletRequest request) {
		return decide(caller, id, Decision.DENIED, this.reasons.read(request));
	}

	private DecisionResponse decide(AuthPrincipal caller, String id, Decision decision, @Nullable String reason) {
		return DecisionResponse.of(this.approvals.decide(caller, ApprovalIds.require(id), decision, reason));
	}

}
