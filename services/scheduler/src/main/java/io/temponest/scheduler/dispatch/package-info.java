/**
 * The poller: claims due occurrences and ready executions across instances and runs them
 * with retries.
 */
@NullMarked
package io.temponest.scheduler.dispatch;

import org.jspecify.annotations.NullMarked;
