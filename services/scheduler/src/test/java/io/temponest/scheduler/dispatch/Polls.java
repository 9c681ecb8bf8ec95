package io.temponest.scheduler.dispatch;

import java.time.Duration;

/**
 * Drives the context's poller by hand (its loop is off in tests): poll, wait for the runs
 * started, and again until a poll starts nothing and finds no more schedules due.
 */
public class Polls {

	private final Poller poller;

	public Polls(Poller poller) {
		this.poller = poller;
	}

	/**
	 * Poll until nothing more is ready at the clock's current time.
	 * @throws InterruptedException when interrupted
	 */
	public void runUntilIdle() throws InterruptedException {
		runUntilIdle(Duration.ofSeconds(30));
	}

	/**
	 * Poll until nothing more is ready at the clock's current time.
	 * @param timeout how long to wait for the runs of one poll
	 * @throws InterruptedException when interrupted
	 */
	public void runUntilIdle(Duration timeout) throws InterruptedException {
		Poller.Poll poll;
		do {
			poll = this.poller.pollOnce();
			if (!this.poller.awaitIdle(timeout)) {
				throw new IllegalStateException("Runs still in flight after " + timeout);
			}
		}
		while (poll.started() > 0 || poll.moreDue());
	}

}
