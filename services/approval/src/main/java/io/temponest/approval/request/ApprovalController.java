package io.temponest.approval.request;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

	ApprovalController(Approvals approvals) {
		this.approvals = approvals;
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
		Integer size = (limit == null && page == null && pageSize == null) ? DEFAULT_LIMIT : limit;
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

	@PostMapping(path = "/{id}/approve", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('approvals:approve')")
	@Operation(summary = "Approve as the caller (JSON {reason}); the answer's status is the request's state")
	DecisionResponse approveJson(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String id,
			@Valid @RequestBody(required = false) @Nullable DecisionBody body) {
		return decide(caller, id, Decision.APPROVED, (body != null) ? body.reason() : null);
	}

	@PostMapping(path = "/{id}/approve")
	@PreAuthorize("hasAuthority('approvals:approve')")
	@Operation(summary = "Approve as the caller (form fields, urlencoded or multipart: reason; approver is ignored)")
	DecisionResponse approveForm(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String id,
			@RequestParam(required = false) @Size(max = 5000) @Nullable String reason) {
		return decide(caller, id, Decision.APPROVED, reason);
	}

	@PostMapping(path = "/{id}/deny", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('approvals:approve')")
	@Operation(summary = "Deny as the caller (JSON {reason}, reason required); the request ends at once")
	DecisionResponse denyJson(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String id,
			@Valid @RequestBody(required = false) @Nullable DecisionBody body) {
		return decide(caller, id, Decision.DENIED, (body != null) ? body.reason() : null);
	}

	@PostMapping(path = "/{id}/deny")
	@PreAuthorize("hasAuthority('approvals:approve')")
	@Operation(summary = "Deny as the caller (form fields, urlencoded or multipart: reason required)")
	DecisionResponse denyForm(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable String id,
			@RequestParam(required = false) @Size(max = 5000) @Nullable String reason) {
		return decide(caller, id, Decision.DENIED, reason);
	}

	private DecisionResponse decide(AuthPrincipal caller, String id, Decision decision, @Nullable String reason) {
		return DecisionResponse.of(this.approvals.decide(caller, ApprovalIds.require(id), decision, reason));
	}

}
