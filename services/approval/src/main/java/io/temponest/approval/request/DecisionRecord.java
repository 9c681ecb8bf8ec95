package io.temponest.approval.request;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One person's decision on a request.
 *
 * @param approver the user id of who decided
 * @param decision {@code approved} or {@code denied}
 * @param reason why, if given
 * @param decidedAt when
 */
public record DecisionRecord(String approver, String decision, @Nullable String reason, Instant decidedAt) {

}
