/** The original's health and metrics routes, with the poller's state. */
@NullMarked
package io.temponest.scheduler.health;

import org.jspecify.annotations.NullMarked;
