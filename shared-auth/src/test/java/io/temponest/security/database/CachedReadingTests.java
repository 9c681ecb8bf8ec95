package io.temponest.security.database;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CachedReading}. */
class CachedReadingTests {

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void readsAtFirstUseThenReusesTheReadingUntilItIsOld() {
		CachedReading<Integer> reading = new CachedReading<>("count", -1, this.reads::incrementAndGet,
				Duration.ofSeconds(10), this.clock);
		assertThat(this.reads).hasValue(0);
		assertThat(reading.get()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(reading.get()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(reading.get()).isEqualTo(2);
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void aFailedReadKeepsTheLastReadingUntilTheNextAge() {
		AtomicInteger calls = new AtomicInteger();
		CachedReading<String> reading = new CachedReading<>("state", "none", () -> {
			if (calls.incrementAndGet() == 2) {
				throw new IllegalStateException("database gone");
			}
			return "read " + calls.get();
		}, Duration.ofSeconds(5), this.clock);
		assertThat(reading.get()).isEqualTo("read 1");
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(reading.get()).isEqualTo("read 1");
		assertThat(reading.get()).isEqualTo("read 1");
		assertThat(calls).hasValue(2);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(reading.get()).isEqualTo("read 3");
	}

	@Test
	void aClockSetBackReadsAgain() {
		CachedReading<Integer> reading = new CachedReading<>("count", 0, this.reads::incrementAndGet,
				Duration.ofSeconds(10), this.clock);
		reading.get();
		this.clock.advance(Duration.ofSeconds(-60));
		assertThat(reading.get()).isEqualTo(2);
	}

	@Test
	void whileOneCallerReadsTheOthersGetTheLastReading() throws Exception {
		CountDownLatch inRead = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		CachedReading<Integer> reading = new CachedReading<>("slow", 0, () -> {
			if (calls.incrementAndGet() == 2) {
				inRead.countDown();
				await(release);
			}
			return calls.get();
		}, Duration.ofSeconds(1), this.clock);
		assertThat(reading.get()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		Thread slow = Thread.ofVirtual().start(reading::get);
		assertThat(inRead.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(reading.get()).isEqualTo(1);
		release.countDown();
		slow.join(Duration.ofSeconds(10));
		assertThat(reading.get()).isEqualTo(2);
		assertThat(calls).hasValue(2);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
