/**
 * Collaboration: several agents working on one goal in a pattern (sequential, parallel,
 * iterative, hierarchical), as sessions of the caller's tenant whose steps each run one
 * agent through the service's own run path (budgets, costs, idempotency) on a bounded
 * executor, off the request thread; the three templates; cancellation of pending steps.
 */
@NullMarked
package io.temponest.agents.collaboration;

import org.jspecify.annotations.NullMarked;
