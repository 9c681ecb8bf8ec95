/**
 * When schedules fire: cron expressions evaluated in a timezone, fixed intervals and
 * one-time instants, with the misfire policy applied when an occurrence is claimed.
 */
@NullMarked
package io.temponest.scheduler.timing;

import org.jspecify.annotations.NullMarked;
