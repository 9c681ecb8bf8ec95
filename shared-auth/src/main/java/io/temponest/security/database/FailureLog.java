package io.temponest.security.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * Logs failures as one line each, with the stack trace at most once per cause and window
 * (and the number of failures of that cause since the last trace), so that an outage does
 * not flood the log with identical traces.
 */
public final class FailureLog {

	private static final int MAX_CAUSES = 1000;

	private static final int MAX_MESSAGE = 200;

	private final Logger log;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	/**
	 * Create a log.
	 * @param log where the lines go
	 * @param window how often the trace of one cause is logged at most
	 * @param clock the clock
	 */
	public FailureLog(Logger log, Duration window, Clock clock) {
		this.log = log;
		this.window = window;
		this.clock = clock;
	}

	/**
	 * Log a failure at WARN or ERROR.
	 * @param error whether to log at ERROR (else WARN)
	 * @param message the line
	 * @param failure the failure
	 */
	public void log(boolean error, String message, Throwable failure) {
		String cause = cause(failure);
		String summary = message + ": " + rootSummary(failure);
		Instant now = this.clock.instant();
		if (this.windows.size() > MAX_CAUSES) {
			this.windows.clear();
		}
		Window current = this.windows.compute(cause,
				(key, existing) -> (existing == null || !now.isBefore(existing.start().plus(this.window)))
						? new Window(now, 0, true) : new Window(existing.start(), existing.suppressed() + 1, false));
		if (current.traced()) {
			String line = summary;
			if (error) {
				this.log.error(line, failure);
			}
			else {
				this.log.warn(line, failure);
			}
			return;
		}
		String line = summary + " (trace logged once per " + this.window.toSeconds() + " s per cause; "
				+ current.suppressed() + " like it since)";
		if (error) {
			this.log.error(line);
		}
		else {
			this.log.warn(line);
		}
	}

	private static String rootSummary(Throwable failure) {
		Throwable root = root(failure);
		String text = root.getMessage();
		if (text == null) {
			return root.getClass().getSimpleName();
		}
		text = text.replaceAll("\\s+", " ");
		return root.getClass().getSimpleName() + ": "
				+ ((text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) + "..." : text);
	}

	private static Throwable root(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String cause(Throwable failure) {
		Throwable root = root(failure);
		StackTraceElement[] frames = root.getStackTrace();
		String where = (frames.length > 0) ? frames[0].getClassName() + "." + frames[0].getMethodName() : "?";
		return root.getClass().getName() + " at " + where;
	}

	/**
	 * A window of one cause: when it started, how many traces it suppressed, whether this
	 * one traced.
	 */
	private record Window(Instant start, int suppressed, boolean traced) {

	}

}
