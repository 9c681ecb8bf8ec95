package io.temponest.approval.signal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SignalLoop}: dispatches when started, again at once after a queued signal's
 * commit.
 */
class SignalLoopTests {

	private final AtomicInteger dispatches = new AtomicInteger();

	private final SignalLoop loop = new SignalLoop(this.dispatches::incrementAndGet, Duration.ofHours(1));

	@AfterEach
	void stop() {
		this.loop.stop();
	}

	@Test
	void startThenDispatchesOnceAndWaitsForThePollInterval() {
		this.loop.start();
		assertThat(this.loop.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.dispatches.get() == 1);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.dispatches.get() == 1);
	}

	@Test
	void signalQueuedWhenWaitingThenDispatchesAtOnce() {
		this.loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.dispatches.get() == 1);
		this.loop.onQueued(new SignalQueued());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.dispatches.get() == 2);
	}

	@Test
	void dispatchWhenItThrowsThenLoopGoesOn() {
		AtomicInteger calls = new AtomicInteger();
		SignalLoop failing = new SignalLoop(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("Temporal unreachable");
			}
			return 0;
		}, Duration.ofMillis(10));
		try {
			failing.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 2);
			assertThat(failing.isRunning()).isTrue();
		}
		finally {
			failing.stop();
		}
	}

}
