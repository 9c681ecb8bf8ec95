/**
 * The platform's activity log and the console's observability: rows written in the
 * transaction of every run, project and execution change of this service, events other
 * services relay to {@code POST /internal/events}, the log viewer's searchable
 * newest-first pages, and the run metrics of the observability page (cached per tenant,
 * evicted when a run changes).
 */
@NullMarked
package io.temponest.agents.activity;

import org.jspecify.annotations.NullMarked;
