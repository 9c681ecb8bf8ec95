package io.temponest.security.database;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link CachedReading}. */
class CachedReadingTests {

	private final AtomicLong nanos = new AtomicLong(System.nanoTime());

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void readsAtFirstUseThenReusesTheReadingUntilItIsOld() {
		CachedReading<Integer> reading = new CachedReading<>("count", -1, this.reads::incrementAndGet,
				Duration.ofSeconds(10), this.nanos::get);
		assertThat(this.reads).hasValue(0);
		assertThat(reading.get()).isEqualTo(1);
		advance(Duration.ofSeconds(9));
		assertThat(reading.get()).isEqualTo(1);
		advance(Duration.ofSeconds(1));
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
		}, Duration.ofSeconds(5), this.nanos::get);
		assertThat(reading.get()).isEqualTo("read 1");
		advance(Duration.ofSeconds(5));
		assertThat(reading.get()).isEqualTo("read 1");
		assertThat(reading.get()).isEqualTo("read 1");
		assertThat(calls).hasValue(2);
		advance(Duration.ofSeconds(5));
		assertThat(reading.get()).isEqualTo("read 3");
	}

	@Test
	void byDefaultTheReadingAgesInRealTime() {
		CachedReading<Integer> reading = new CachedReading<>("count", 0, this.reads::incrementAndGet,
				Duration.ofMillis(50));
		assertThat(reading.get()).isEqualTo(1);
		assertThat(reading.get()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reading.get()).isEqualTo(2));
	}

	@Test
	void whileOneCallerReadsTheOthersGetTheLastReading() throws Exception {
		CountDownLatch inRead = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		CachedReading<Integer> reading = new CachedReading<>("slow", 0, () -> {
			if (calls.incrementAndGet() == 2) {
				inRead.countDown();
				awaitLatch(release);
			}
			return calls.get();
		}, Duration.ofSeconds(1), this.nanos::get);
		assertThat(reading.get()).isEqualTo(1);
		advance(Duration.ofSeconds(1));
		Thread slow = Thread.ofVirtual().start(reading::get);
		assertThat(inRead.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(reading.get()).isEqualTo(1);
		release.countDown();
		slow.join(Duration.ofSeconds(10));
		assertThat(reading.get()).isEqualTo(2);
		assertThat(calls).hasValue(2);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
