package io.temponest.security.database;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FailureLog}: one line per failure, one trace per cause and window. */
class FailureLogTests {

	private final MutableClock clock = new MutableClock();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private FailureLog failures;

	@BeforeEach
	void setUp() {
		Logger logger = (Logger) LoggerFactory.getLogger(FailureLogTests.class.getName() + ".subject");
		this.appender.start();
		logger.addAppender(this.appender);
		this.failures = new FailureLog(logger, Duration.ofMinutes(1), this.clock);
	}

	@Test
	void logWhenSameCauseRepeatsThenOneLineEachAndOneTracePerMinuteWithCount() {
		for (int i = 0; i < 5; i++) {
			this.failures.log(false, "Database unavailable", outage());
		}
		this.clock.advance(Duration.ofSeconds(61));
		this.failures.log(false, "Database unavailable", outage());
		List<ILoggingEvent> events = this.appender.list;
		assertThat(events).hasSize(6);
		assertThat(events).extracting((event) -> event.getThrowableProxy() != null)
			.containsExactly(true, false, false, false, false, true);
		assertThat(events.get(0).getFormattedMessage())
			.isEqualTo("Database unavailable: SQLTransientConnectionException: Connection is not available");
		assertThat(events.get(4).getFormattedMessage()).endsWith("; 4 like it since)");
	}

	@Test
	void logWhenCausesDifferThenEachTracedOnce() {
		this.failures.log(true, "Unexpected error", outage());
		this.failures.log(true, "Unexpected error", new IllegalStateException("boom"));
		assertThat(this.appender.list).allSatisfy((event) -> assertThat(event.getThrowableProxy()).isNotNull());
	}

	private static Exception outage() {
		return new IllegalStateException("wrapper", new SQLTransientConnectionException("Connection is not available"));
	}

}
