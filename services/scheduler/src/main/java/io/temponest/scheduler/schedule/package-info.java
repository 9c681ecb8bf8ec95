/** Schedules: the REST API, validation of both clients' bodies, and their storage. */
@NullMarked
package io.temponest.scheduler.schedule;

import org.jspecify.annotations.NullMarked;
