package io.temponest.approval.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The {@code approval_signal} a workflow receives: a JSON object with snake_case keys.
 *
 * @param approvalId the request
 * @param decisionId the decision (or expiry) this signal reports; workflows may
 * deduplicate on it
 * @param status what this decision was: {@code approved}, {@code denied} or
 * {@code expired}
 * @param approver the user id of who decided, {@code null} for an expiry
 * @param reason the reason given, if any
 * @param approvalStatus the request's state after this decision
 */
public record WorkflowSignal(UUID approvalId, UUID decisionId, String status, @Nullable String approver,
		@Nullable String reason, String approvalStatus) {

	/** The signal's name. */
	public static final String NAME = "approval_signal";

	/**
	 * The payload as sent.
	 * @return a map with snake_case keys (nulls kept)
	 */
	public Map<String, @Nullable Object> payload() {
		Map<String, @Nullable Object> payload = new LinkedHashMap<>();
		payload.put("approval_id", this.approvalId.toString());
		payload.put("decision_id", this.decisionId.toString());
		payload.put("status", this.status);
		payload.put("approver", this.approver);
		payload.put("reason", this.reason);
		payload.put("approval_status", this.approvalStatus);
		return payload;
	}

}
