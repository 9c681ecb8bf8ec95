package io.temponest.approval.request;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/approvals}; unknown fields are ignored.
 *
 * @param workflowId the workflow to signal
 * @param runId the run to signal
 * @param taskDescription what is to be approved
 * @param riskLevel {@code low}, {@code medium} or {@code high}
 * @param context what the workflow attaches (a JSON object, default empty)
 * @param requiredApprovers distinct approvals needed (default 1, 2 for high risk)
 * @param idempotencyKey the same key of a tenant names the same request
 */
record CreateApprovalRequest(@NotBlank @Size(max = 255) @Nullable String workflowId,
		@NotBlank @Size(max = 255) @Nullable String runId, @NotBlank @Size(max = 5000) @Nullable String taskDescription,
		@NotNull @Pattern(regexp = "low|medium|high",
				message = "must be one of low, medium, high") @Schema(allowableValues = {
						"low", "medium", "high" }) @Nullable String riskLevel,
		@Schema(description = "Any JSON object") @Nullable Map<String, Object> context,
		@Min(1) @Max(5) @Nullable Integer requiredApprovers, @Size(min = 1, max = 255) @Nullable String idempotencyKey){

	NewApproval toCommand() {
		return new NewApproval(require(this.workflowId), require(this.runId), require(this.taskDescription),
				require(this.riskLevel), (this.context != null) ? this.context : Map.of(), this.requiredApprovers,
				this.idempotencyKey);
	}

	private static String require(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("validated as present");
		}
		return value;
	}

}
