package io.temponest.approval.config;

import java.time.Duration;

import io.temponest.approval.request.ExpirySweeper;
import io.temponest.approval.signal.SignalDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The background loops start with the intervals as the service's properties write them
 * (simple durations such as {@code 1s}) and stay off when switched off.
 */
class BackgroundLoopsTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withBean(SignalDispatcher.class, () -> mock(SignalDispatcher.class))
		.withBean(ExpirySweeper.class, () -> mock(ExpirySweeper.class))
		.withUserConfiguration(BackgroundLoops.class);

	@Test
	void loopsWhenEnabledThenDispatchAndSweepOnTheirIntervals() {
		this.contexts
			.withPropertyValues("temponest.approval.signals.poll-interval=100ms",
					"temponest.approval.sweep-interval=30s")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(BackgroundLoops.class);
				SignalDispatcher dispatcher = context.getBean(SignalDispatcher.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> verify(dispatcher, atLeastOnce()).dispatchDue());
			});
	}

	@Test
	void loopsWhenDefaultIntervalsThenContextStarts() {
		this.contexts
			.withPropertyValues("temponest.approval.signals.poll-interval=1s", "temponest.approval.sweep-interval=30s")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(BackgroundLoops.class));
	}

	@Test
	void loopsWhenSwitchedOffThenAbsent() {
		this.contexts.withPropertyValues("temponest.approval.background-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundLoops.class));
	}

}
