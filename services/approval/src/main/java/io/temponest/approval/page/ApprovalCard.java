package io.temponest.approval.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.temponest.approval.request.ApprovalRecord;
import io.temponest.approval.request.ApprovalStatus;
import io.temponest.approval.request.DecisionRecord;
import org.jspecify.annotations.Nullable;

/**
 * An approval request as the pages show it, with times formatted in UTC.
 *
 * @param id the request
 * @param taskDescription what is to be approved
 * @param riskLevel the risk (CSS class {@code risk-<level>})
 * @param workflowId the workflow
 * @param workflowShort the first 16 characters of the workflow id
 * @param runId the run
 * @param status the state
 * @param created {@code yyyy-MM-dd HH:mm UTC}
 * @param createdFull {@code yyyy-MM-dd HH:mm:ss UTC}
 * @param expires {@code yyyy-MM-dd HH:mm:ss UTC}
 * @param approvedBy who ended it by a decision
 * @param approvedAt when, {@code yyyy-MM-dd HH:mm:ss UTC}
 * @param approvals approvals so far
 * @param requiredApprovers approvals needed
 * @param context the context as indented JSON, empty when there is none
 * @param decisions the decisions so far
 */
record ApprovalCard(String id, String taskDescription, String riskLevel, String workflowId, String workflowShort,
		String runId, String status, String created, String createdFull, String expires, @Nullable String approvedBy,
		@Nullable String approvedAt, int approvals, int requiredApprovers, String context,
		List<DecisionLine> decisions) {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	static ApprovalCard of(ApprovalRecord record, String context) {
		String workflow = record.workflowId();
		Instant approvedAt = record.approvedAt();
		return new ApprovalCard(record.id().toString(), record.taskDescription(), record.riskLevel(), workflow,
				(workflow.length() > 16) ? workflow.substring(0, 16) : workflow, record.runId(), record.status().wire(),
				MINUTES.format(record.createdAt()), SECONDS.format(record.createdAt()),
				SECONDS.format(record.expiresAt()), record.approvedBy(),
				(approvedAt != null) ? SECONDS.format(approvedAt) : null, record.approvals(),
				record.requiredApprovers(), context, record.decisions().stream().map(DecisionLine::of).toList());
	}

	public boolean pending() {
		return ApprovalStatus.PENDING.wire().equals(this.status);
	}

	/**
	 * One decision as shown.
	 *
	 * @param approver who
	 * @param decision what
	 * @param reason why
	 * @param decidedAt when, {@code yyyy-MM-dd HH:mm:ss UTC}
	 */
	record DecisionLine(String approver, String decision, @Nullable String reason, String decidedAt) {

		static DecisionLine of(DecisionRecord record) {
			return new DecisionLine(record.approver(), record.decision(), record.reason(),
					SECONDS.format(record.decidedAt()));
		}

	}

}
