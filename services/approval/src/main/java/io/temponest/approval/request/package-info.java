/**
 * Approval requests and decisions: the API, the guarded decision transaction, expiry and
 * metrics.
 */
@NullMarked
package io.temponest.approval.request;

import org.jspecify.annotations.NullMarked;
