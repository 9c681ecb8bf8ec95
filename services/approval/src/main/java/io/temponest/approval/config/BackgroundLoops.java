package io.temponest.approval.config;

import io.temponest.approval.request.ExpirySweeper;
import io.temponest.approval.signal.SignalDispatcher;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The background loops of an instance (off with
 * {@code temponest.approval.background-enabled=false}): the signal dispatcher and the
 * expiry sweeper, each safe to run on any number of instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "temponest.approval.background-enabled", matchIfMissing = true)
class BackgroundLoops {

	private final SignalDispatcher dispatcher;

	private final ExpirySweeper sweeper;

	BackgroundLoops(SignalDispatcher dispatcher, ExpirySweeper sweeper) {
		this.dispatcher = dispatcher;
		this.sweeper = sweeper;
	}

	@Scheduled(fixedDelayString = "${temponest.approval.signals.poll-interval:1s}", initialDelayString = "2s")
	void dispatchSignals() {
		this.dispatcher.dispatchDue();
	}

	@Scheduled(fixedDelayString = "${temponest.approval.sweep-interval:30s}", initialDelayString = "5s")
	void expireRequests() {
		this.sweeper.sweep();
	}

}
