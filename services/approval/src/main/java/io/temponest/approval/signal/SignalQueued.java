package io.temponest.approval.signal;

/**
 * A signal was written to the outbox in the current transaction; after its commit the
 * dispatcher is woken instead of waiting for its next poll.
 */
record SignalQueued() {

}
