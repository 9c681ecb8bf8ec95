package io.temponest.security.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PollingLoop}: passes repeat while there is more work, wait otherwise, and wake
 * on demand.
 */
class PollingLoopTests {

	private static final Duration LONG_WAIT = Duration.ofHours(1);

	private final AtomicInteger passes = new AtomicInteger();

	private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

	private PollingLoop loop;

	@AfterEach
	void stopLoop() {
		if (this.loop != null) {
			this.loop.stop(Duration.ofSeconds(5));
		}
	}

	@Test
	void passWhenMoreWorkThenNextPassAtOnceUntilNoneThenWaits() {
		this.loop = new PollingLoop("test-loop", LONG_WAIT, () -> this.passes.incrementAndGet() < 3,
				this.failures::add);
		this.loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.passes.get() == 3);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.passes.get() == 3);
	}

	@Test
	void wakeWhenWaitingThenPassesAtOnce() {
		this.loop = new PollingLoop("test-loop", LONG_WAIT, () -> {
			this.passes.incrementAndGet();
			return false;
		}, this.failures::add);
		this.loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.passes.get() == 1);
		this.loop.wake();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.passes.get() == 2);
	}

	@Test
	void wakeBeforeWaitThenNotLost() {
		this.loop = new PollingLoop("test-loop", LONG_WAIT, () -> {
			if (this.passes.incrementAndGet() == 1) {
				this.loop.wake();
			}
			return false;
		}, this.failures::add);
		this.loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.passes.get() == 2);
	}

	@Test
	void passWhenThrowsThenFailureHandedOverAndLoopGoesOn() {
		IllegalStateException boom = new IllegalStateException("boom");
		this.loop = new PollingLoop("test-loop", Duration.ofMillis(10), () -> {
			if (this.passes.incrementAndGet() == 1) {
				throw boom;
			}
			return false;
		}, this.failures::add);
		this.loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.passes.get() >= 3);
		assertThat(this.failures).containsExactly(boom);
	}

	@Test
	void stopWhenWaitingThenThreadEndsAndNoMorePasses() {
		this.loop = new PollingLoop("test-loop", LONG_WAIT, () -> {
			this.passes.incrementAndGet();
			return false;
		}, this.failures::add);
		this.loop.start();
		this.loop.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.passes.get() == 1);
		assertThat(this.loop.isRunning()).isTrue();
		assertThat(this.loop.stop(Duration.ofSeconds(5))).isTrue();
		assertThat(this.loop.isRunning()).isFalse();
		this.loop.wake();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> this.passes.get() == 1);
	}

}
