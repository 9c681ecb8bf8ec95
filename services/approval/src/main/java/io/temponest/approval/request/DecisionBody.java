package io.temponest.approval.request;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * JSON body of {@code POST /api/approvals/{id}/approve|deny}. An {@code approver} field
 * is accepted for clients that still send one but ignored: the approver is the
 * authenticated caller.
 *
 * @param reason why (required to deny)
 * @param approver ignored
 */
record DecisionBody(@Size(max = 5000) @Nullable String reason, @Size(max = 255) @Nullable String approver) {

}
