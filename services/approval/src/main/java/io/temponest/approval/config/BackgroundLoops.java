package io.temponest.approval.config;

import io.temponest.approval.request.ExpirySweeper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The expiry sweeper of an instance (off with
 * {@code temponest.approval.background-enabled=false}), safe to run on any number of
 * instances; the signal dispatcher runs on its own loop ({@code signal.SignalLoop}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "temponest.approval.background-enabled", matchIfMissing = true)
class BackgroundLoops {

	private final ExpirySweeper sweeper;

	BackgroundLoops(ExpirySweeper sweeper) {
		this.sweeper = sweeper;
	}

	@Scheduled(fixedDelayString = "${temponest.approval.sweep-interval:30s}", initialDelayString = "5s")
	void expireRequests() {
		this.sweeper.sweep();
	}

}
