/**
 * Signals owed to Temporal workflows: the outbox written with each decision and its
 * dispatcher.
 */
@NullMarked
package io.temponest.approval.signal;

import org.jspecify.annotations.NullMarked;
