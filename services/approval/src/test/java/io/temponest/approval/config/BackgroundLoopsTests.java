package io.temponest.approval.config;

import java.time.Duration;

import io.temponest.approval.request.ExpirySweeper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The expiry sweeper starts with the interval as the service's properties write it (a
 * simple duration such as {@code 30s}) and stays off when switched off.
 */
class BackgroundLoopsTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withBean(ExpirySweeper.class, () -> mock(ExpirySweeper.class))
		.withUserConfiguration(BackgroundLoops.class);

	@Test
	void loopsWhenEnabledThenSweepOnTheirInterval() {
		this.contexts.withPropertyValues("temponest.approval.sweep-interval=100ms").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(BackgroundLoops.class);
			ExpirySweeper sweeper = context.getBean(ExpirySweeper.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(sweeper, atLeastOnce()).sweep());
		});
	}

	@Test
	void loopsWhenDefaultIntervalsThenContextStarts() {
		this.contexts.withPropertyValues("temponest.approval.sweep-interval=30s")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(BackgroundLoops.class));
	}

	@Test
	void loopsWhenSwitchedOffThenAbsent() {
		this.contexts.withPropertyValues("temponest.approval.background-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundLoops.class));
	}

}
