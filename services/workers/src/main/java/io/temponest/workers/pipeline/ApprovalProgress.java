package io.temponest.workers.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The decisions signalled for one approval. The approval service's
 * {@code approval_status} decides; the first final status sticks. A signal without
 * {@code approval_status} (an older sender) decides by its own {@code status}: a denial
 * or expiry at once, approvals once enough decisions approved (the approval service lets
 * each approver decide once).
 */
final class ApprovalProgress {

	private final List<String> approvers = new ArrayList<>();

	private @Nullable String finalStatus;

	private @Nullable String reason;

	private boolean sawApprovalStatus;

	void apply(ApprovalSignal signal) {
		if (this.finalStatus != null) {
			return;
		}
		String vote = (signal.status() != null) ? signal.status() : "";
		if ("approved".equals(vote)) {
			// one entry per decision (the workflow drops repeated decisions before this)
			this.approvers.add((signal.approver() != null) ? signal.approver() : "unknown");
		}
		String overall = signal.approvalStatus();
		if (overall != null) {
			this.sawApprovalStatus = true;
			if (isFinal(overall)) {
				this.finalStatus = overall;
				this.reason = signal.reason();
			}
		}
		else if ("denied".equals(vote) || "expired".equals(vote)) {
			this.finalStatus = vote;
			this.reason = signal.reason();
		}
	}

	/**
	 * The approval's final status, if it has one.
	 * @param requiredApprovers approvals needed when no signal carried the approval's
	 * status
	 * @return {@code approved}, {@code denied}, {@code expired}, or {@code null} while
	 * pending
	 */
	@Nullable String status(int requiredApprovers) {
		if (this.finalStatus != null) {
			return this.finalStatus;
		}
		if (!this.sawApprovalStatus && this.approvers.size() >= requiredApprovers) {
			return "approved";
		}
		return null;
	}

	@Nullable String reason() {
		return this.reason;
	}

	List<String> approvers() {
		return List.copyOf(this.approvers);
	}

	private static boolean isFinal(String status) {
		return "approved".equals(status) || "denied".equals(status) || "expired".equals(status);
	}

}
