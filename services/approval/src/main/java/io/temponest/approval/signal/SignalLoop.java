package io.temponest.approval.signal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;

import io.temponest.security.database.DatabaseUnavailable;
import io.temponest.security.database.FailureLog;
import io.temponest.security.database.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs the {@link SignalDispatcher} on its own thread (off with
 * {@code temponest.approval.background-enabled=false}): at once after the commit of a
 * decision that owes a signal, otherwise every {@code poll-interval} (retries, other
 * instances' decisions, signals left by a stopped instance).
 */
@Component
@ConditionalOnBooleanProperty(name = "temponest.approval.background-enabled", matchIfMissing = true)
class SignalLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SignalLoop.class);

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

	private final FailureLog failures = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	private final PollingLoop loop;

	@Autowired
	SignalLoop(SignalDispatcher dispatcher, SignalProperties properties) {
		this(dispatcher::dispatchDue, properties.pollInterval());
	}

	SignalLoop(IntSupplier dispatch, Duration pollInterval) {
		this.loop = new PollingLoop("approval-signal-dispatcher", pollInterval, () -> {
			dispatch.getAsInt();
			return false;
		}, (ex) -> this.failures.log(!DatabaseUnavailable.isCauseOf(ex), "Signal dispatch failed", ex));
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop(SHUTDOWN_WAIT);
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	@TransactionalEventListener
	void onQueued(SignalQueued queued) {
		this.loop.wake();
	}

}
