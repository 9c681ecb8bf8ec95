package io.temponest.workers.pipeline;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How one approval ended for the pipeline.
 *
 * @param approvalId the approval
 * @param status {@code approved}, {@code denied} or {@code expired}; {@code null} when no
 * decision came in time
 * @param reason the deciding signal's reason
 * @param approvers who approved
 */
record Decision(String approvalId, @Nullable String status, @Nullable String reason, List<String> approvers) {

	boolean approved() {
		return "approved".equals(this.status);
	}

	boolean timedOut() {
		return this.status == null;
	}

	/**
	 * Why the approval stops the pipeline.
	 * @param subject what was to be approved, such as {@code Task 'x'}
	 * @param timeout how long the pipeline waited
	 * @return the reason
	 */
	String describe(String subject, Duration timeout) {
		if (timedOut()) {
			return "No approval received within " + human(timeout) + " for " + subject;
		}
		String why = (this.reason != null && !this.reason.isBlank()) ? ": " + this.reason : "";
		return "expired".equals(this.status) ? subject + " approval expired" + why : subject + " was denied" + why;
	}

	private static String human(Duration timeout) {
		if (timeout.toSecondsPart() == 0 && timeout.toMinutesPart() == 0) {
			long hours = timeout.toHours();
			return hours + ((hours == 1) ? " hour" : " hours");
		}
		return timeout.toSeconds() + " seconds";
	}

}
