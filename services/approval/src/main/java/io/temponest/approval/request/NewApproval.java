package io.temponest.approval.request;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request for approval as a workflow asks for it.
 *
 * @param workflowId the workflow to signal
 * @param runId the run to signal
 * @param taskDescription what is to be approved
 * @param riskLevel {@code low}, {@code medium} or {@code high}
 * @param context what the workflow attaches
 * @param requiredApprovers distinct approvals needed, or {@code null} for the risk's
 * default
 * @param idempotencyKey the caller's key: the same key of a tenant names the same request
 */
public record NewApproval(String workflowId, String runId, String taskDescription, String riskLevel,
		Map<String, Object> context, @Nullable Integer requiredApprovers, @Nullable String idempotencyKey) {

	/**
	 * The approvals needed: as given, else 2 for high risk and 1 otherwise.
	 * @return the number
	 */
	int approversNeeded() {
		if (this.requiredApprovers != null) {
			return this.requiredApprovers;
		}
		return "high".equals(this.riskLevel) ? 2 : 1;
	}

}
