/**
 * The SDK's {@code /executions} API: every run of a role or agent in the caller's tenant,
 * newest first.
 */
@NullMarked
package io.temponest.agents.execution;

import org.jspecify.annotations.NullMarked;
