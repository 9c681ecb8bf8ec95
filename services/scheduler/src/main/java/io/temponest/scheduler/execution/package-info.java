/** Executions of schedules: history, trigger now, and their storage with leases. */
@NullMarked
package io.temponest.scheduler.execution;

import org.jspecify.annotations.NullMarked;
