/**
 * Costs and budgets: prices per model, the cost of each run and its ledger row, tenant
 * budgets with their spend and alerts, the check before a run, and the cost reports.
 */
@NullMarked
package io.temponest.agents.cost;

import org.jspecify.annotations.NullMarked;
