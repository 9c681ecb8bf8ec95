package io.temponest.auth.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Counts logins by result: {@code temponest_auth_logins_total{result}}. */
@Component
class LoginMetrics {

	private final Counter success;

	private final Counter failure;

	private final Counter inactive;

	private final Counter shed;

	LoginMetrics(MeterRegistry meters) {
		this.success = counter(meters, "success");
		this.failure = counter(meters, "failure");
		this.inactive = counter(meters, "inactive");
		this.shed = counter(meters, "shed");
	}

	void success() {
		this.success.increment();
	}

	void failure() {
		this.failure.increment();
	}

	void inactive() {
		this.inactive.increment();
	}

	void shed() {
		this.shed.increment();
	}

	private static Counter counter(MeterRegistry meters, String result) {
		return Counter.builder("temponest.auth.logins")
			.description("Login attempts by result")
			.tag("result", result)
			.register(meters);
	}

}
