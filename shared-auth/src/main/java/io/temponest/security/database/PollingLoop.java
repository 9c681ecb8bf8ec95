package io.temponest.security.database;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A daemon thread that repeats one pass of background work (claiming due rows, as a
 * rule): at once while a pass reports more work waiting, otherwise after the poll
 * interval or as soon as it is woken, for example by the commit of a transaction that
 * queued work.
 */
public final class PollingLoop {

	private final String name;

	private final Duration interval;

	private final Pass pass;

	private final Consumer<RuntimeException> failures;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition woken = this.lock.newCondition();

	private boolean wakeRequested;

	private volatile boolean running;

	private @Nullable Thread thread;

	/**
	 * Create a loop; it runs once started.
	 * @param name the thread's name
	 * @param interval the wait after a pass that found no more work
	 * @param pass the work
	 * @param failures what to do with a pass that threw (log it, count it); the loop goes
	 * on
	 */
	public PollingLoop(String name, Duration interval, Pass pass, Consumer<RuntimeException> failures) {
		this.name = name;
		this.interval = interval;
		this.pass = pass;
		this.failures = failures;
	}

	/** Start the thread; does nothing when it runs. */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = Thread.ofPlatform().name(this.name).daemon().start(this::loop);
	}

	/**
	 * Stop the loop and wait for the pass under way to end.
	 * @param timeout how long to wait for it at most
	 * @return whether the thread ended in time
	 */
	public boolean stop(Duration timeout) {
		Thread loop;
		synchronized (this) {
			if (!this.running) {
				return true;
			}
			this.running = false;
			loop = this.thread;
		}
		wake();
		if (loop == null) {
			return true;
		}
		try {
			return loop.join(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether the loop runs (started and not stopped).
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.running;
	}

	/** Start the next pass at once instead of at the end of the wait. */
	public void wake() {
		this.lock.lock();
		try {
			this.wakeRequested = true;
			this.woken.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void loop() {
		while (this.running) {
			boolean more = false;
			try {
				more = this.pass.run();
			}
			catch (RuntimeException ex) {
				this.failures.accept(ex);
			}
			if (!more) {
				await();
			}
		}
	}

	private void await() {
		this.lock.lock();
		try {
			long nanos = this.interval.toNanos();
			while (!this.wakeRequested && this.running && nanos > 0) {
				nanos = this.woken.awaitNanos(nanos);
			}
			this.wakeRequested = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** One pass of the work. */
	@FunctionalInterface
	public interface Pass {

		/**
		 * Do one pass.
		 * @return whether more work is waiting, so that the next pass starts at once
		 */
		boolean run();

	}

}
