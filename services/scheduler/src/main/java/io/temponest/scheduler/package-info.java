/**
 * The scheduler service: schedules (cron, interval, once), claiming of due occurrences
 * across instances, agent runs with retries, and execution history.
 */
@NullMarked
package io.temponest.scheduler;

import org.jspecify.annotations.NullMarked;
