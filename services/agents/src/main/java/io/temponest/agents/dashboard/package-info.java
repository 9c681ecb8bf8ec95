/**
 * The console's dashboard: the KPI tiles of a tenant in one SQL statement, cached for a
 * minute and evicted when a project or run changes, and the agent cards (each built-in
 * and tenant agent with its health over the last 24 hours).
 */
@NullMarked
package io.temponest.agents.dashboard;

import org.jspecify.annotations.NullMarked;
