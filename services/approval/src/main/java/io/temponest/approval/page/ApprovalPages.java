package io.temponest.approval.page;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import io.temponest.approval.request.ApprovalException;
import io.temponest.approval.request.ApprovalIds;
import io.temponest.approval.request.ApprovalRecord;
import io.temponest.approval.request.Approvals;
import io.temponest.approval.request.Decision;
import io.temponest.security.AuthPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages for people: the pending dashboard, a request's detail with its decisions, and
 * the approve and deny forms (CSRF-protected, deciding as the signed-in user).
 */
@Controller
@Hidden
class ApprovalPages {

	private final Approvals approvals;

	private final JsonMapper json;

	ApprovalPages(Approvals approvals, JsonMapper json) {
		this.approvals = approvals;
		this.json = json;
	}

	@GetMapping("/")
	@PreAuthorize("hasAuthority('approvals:read')")
	String dashboard(@AuthenticationPrincipal AuthPrincipal user, Model model) {
		List<ApprovalCard> pending = this.approvals.pending().stream().map((r) -> ApprovalCard.of(r, "")).toList();
		model.addAttribute("pending", pending);
		model.addAttribute("user", user.email());
		return "dashboard";
	}

	@GetMapping("/approval/{id}")
	@PreAuthorize("hasAuthority('approvals:read')")
	String detail(@AuthenticationPrincipal AuthPrincipal user, @PathVariable String id, Model model) {
		return detailPage(user, this.approvals.get(ApprovalIds.require(id)), model, null);
	}

	@PostMapping("/approval/{id}/approve")
	@PreAuthorize("hasAuthority('approvals:approve')")
	String approve(@AuthenticationPrincipal AuthPrincipal user, @PathVariable String id,
			@RequestParam(required = false) @Nullable String reason, Model model, HttpServletResponse response) {
		return decide(user, id, Decision.APPROVED, reason, model, response);
	}

	@PostMapping("/approval/{id}/deny")
	@PreAuthorize("hasAuthority('approvals:approve')")
	String deny(@AuthenticationPrincipal AuthPrincipal user, @PathVariable String id,
			@RequestParam(required = false) @Nullable String reason, Model model, HttpServletResponse response) {
		return decide(user, id, Decision.DENIED, reason, model, response);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String forbidden(Model model, HttpServletResponse response) {
		response.setStatus(403);
		model.addAttribute("title", "Access denied");
		model.addAttribute("message", "Your account lacks the permission this page needs.");
		return "message";
	}

	@ExceptionHandler(ApprovalException.class)
	String failed(ApprovalException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.getStatusCode().value());
		boolean notFound = ex.getStatusCode().value() == 404;
		model.addAttribute("title", notFound ? "Approval Not Found" : "Request refused");
		model.addAttribute("message", ex.getBody().getDetail());
		return "message";
	}

	private String decide(AuthPrincipal user, String id, Decision decision, @Nullable String reason, Model model,
			HttpServletResponse response) {
		UUID approvalId = ApprovalIds.require(id);
		try {
			this.approvals.decide(user, approvalId, decision, reason);
		}
		catch (ApprovalException ex) {
			if (ex.getStatusCode().value() == 404) {
				throw ex;
			}
			response.setStatus(ex.getStatusCode().value());
			return detailPage(user, this.approvals.get(approvalId), model, ex.getBody().getDetail());
		}
		return "redirect:/";
	}

	private String detailPage(AuthPrincipal user, ApprovalRecord record, Model model, @Nullable String error) {
		String context = record.context().isEmpty() ? ""
				: this.json.writerWithDefaultPrettyPrinter().writeValueAsString(record.context());
		model.addAttribute("approval", ApprovalCard.of(record, context));
		model.addAttribute("canDecide", user.can("approvals:approve") && !record.requestedBy().equals(user.userId())
				&& record.decisions().stream().noneMatch((d) -> d.approver().equals(user.userId())));
		model.addAttribute("error", error);
		return "detail";
	}

}
