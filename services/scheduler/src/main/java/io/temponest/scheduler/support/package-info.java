/** Small helpers shared by the scheduler's features. */
@NullMarked
package io.temponest.scheduler.support;

import org.jspecify.annotations.NullMarked;
