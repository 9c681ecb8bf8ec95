package io.temponest.agents.llm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An answer body that is closed when the attempt's deadline passes: a read blocked on a
 * provider that stopped sending then fails with {@link HttpTimeoutException}, as does
 * every read after the deadline. Closing the body cancels the timer and drops it from the
 * timer queue at once (a timer left queued until its deadline would keep the body and its
 * buffers alive for the whole timeout: at hundreds of calls a second, most of the heap).
 */
final class DeadlineInputStream extends FilterInputStream {

	private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

	private final ScheduledFuture<?> timer;

	private volatile boolean expired;

	DeadlineInputStream(InputStream body, Duration remaining) {
		super(body);
		this.timer = DEADLINES.schedule(this::expire, remaining.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public int read() throws IOException {
		try {
			check();
			return super.read();
		}
		catch (IOException ex) {
			throw translated(ex);
		}
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		try {
			check();
			return super.read(buffer, offset, length);
		}
		catch (IOException ex) {
			throw translated(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.timer.cancel(false);
		super.close();
	}

	/**
	 * Deadlines not yet passed nor cancelled, of every stream.
	 * @return how many are queued
	 */
	static int pendingDeadlines() {
		return DEADLINES.getQueue().size();
	}

	private static ScheduledThreadPoolExecutor deadlines() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("llm-deadlines").daemon().factory());
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	private void expire() {
		this.expired = true;
		try {
			super.close();
		}
		catch (IOException ex) {
			// The stream is unusable either way.
		}
	}

	private void check() throws HttpTimeoutException {
		if (this.expired) {
			throw new HttpTimeoutException("deadline passed while reading the answer");
		}
	}

	private IOException translated(IOException ex) {
		if (this.expired && !(ex instanceof HttpTimeoutException)) {
			HttpTimeoutException timeout = new HttpTimeoutException("deadline passed while reading the answer");
			timeout.initCause(ex);
			return timeout;
		}
		return ex;
	}

}
