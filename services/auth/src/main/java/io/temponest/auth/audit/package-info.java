/**
 * The audit log, written inside the audited change's transaction.
 */
@NullMarked
package io.temponest.auth.audit;

import org.jspecify.annotations.NullMarked;
