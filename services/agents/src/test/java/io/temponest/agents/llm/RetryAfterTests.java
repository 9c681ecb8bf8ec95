package io.temponest.agents.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Retry-After} in seconds or as an HTTP date. */
class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

	@Test
	void parseWhenSecondsThenThatDelay() {
		assertThat(RetryAfter.parse("3", this.clock)).isEqualTo(Duration.ofSeconds(3));
		assertThat(RetryAfter.parse(" 120 ", this.clock)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void parseWhenHttpDateThenTimeUntilThen() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:45 GMT", this.clock)).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void parseWhenHttpDateInThePastThenZero() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", this.clock)).isEqualTo(Duration.ZERO);
	}

	@Test
	void parseWhenMissingOrUnreadableThenNull() {
		assertThat(RetryAfter.parse(null, this.clock)).isNull();
		assertThat(RetryAfter.parse("", this.clock)).isNull();
		assertThat(RetryAfter.parse("soon", this.clock)).isNull();
		assertThat(RetryAfter.parse("-5", this.clock)).isNull();
		assertThat(RetryAfter.parse("99999999999999999999999", this.clock)).isNull();
	}

}
