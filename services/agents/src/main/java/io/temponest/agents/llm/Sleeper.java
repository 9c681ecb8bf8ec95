package io.temponest.agents.llm;

import java.time.Duration;

/**
 * Waits between attempts of a provider call. The service sleeps the calling (virtual)
 * thread; tests record the requested delays instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Wait.
	 * @param delay how long
	 * @throws InterruptedException when the thread is interrupted while waiting
	 */
	void sleep(Duration delay) throws InterruptedException;

}
