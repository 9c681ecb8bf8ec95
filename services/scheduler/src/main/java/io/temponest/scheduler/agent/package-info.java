/**
 * Agent runs: one HTTP call per run to the agents service, turned into an outcome that
 * says whether the run succeeded and, when it failed, whether it may be retried.
 */
@NullMarked
package io.temponest.scheduler.agent;

import org.jspecify.annotations.NullMarked;
