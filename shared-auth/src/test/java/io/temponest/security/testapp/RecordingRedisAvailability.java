package io.temponest.security.testapp;

import java.util.concurrent.atomic.AtomicInteger;

import io.temponest.cache.RedisAvailability;

/** A {@link RedisAvailability} for tests: always willing to try, and counts outcomes. */
public final class RecordingRedisAvailability implements RedisAvailability {

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicInteger successes = new AtomicInteger();

	@Override
	public boolean isAvailable() {
		return true;
	}

	@Override
	public void reportFailure(String operation, RuntimeException failure) {
		this.failures.incrementAndGet();
	}

	@Override
	public void reportSuccess() {
		this.successes.incrementAndGet();
	}

	public int failures() {
		return this.failures.get();
	}

	public int successes() {
		return this.successes.get();
	}

}
