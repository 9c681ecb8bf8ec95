/**
 * The workflows (deterministic code only): the project pipeline, the simple agent task,
 * their payload types and the activity contract they call.
 */
@NullMarked
package io.temponest.workers.pipeline;

import org.jspecify.annotations.NullMarked;
