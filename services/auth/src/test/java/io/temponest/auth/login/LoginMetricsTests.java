package io.temponest.auth.login;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The login counter as Prometheus exports it. */
class LoginMetricsTests {

	@Test
	void countersWhenScrapedThenTemponestAuthLoginsTotalByResult() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		LoginMetrics metrics = new LoginMetrics(registry);
		metrics.success();
		metrics.success();
		metrics.shed();
		String scrape = registry.scrape();
		assertThat(scrape).contains("temponest_auth_logins_total{result=\"success\"} 2.0")
			.contains("temponest_auth_logins_total{result=\"shed\"} 1.0")
			.contains("temponest_auth_logins_total{result=\"failure\"} 0.0")
			.contains("temponest_auth_logins_total{result=\"inactive\"} 0.0");
	}

}
