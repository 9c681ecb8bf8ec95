package io.temponest.security.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the Prometheus scrape also at the original services' {@code /metrics} and
 * {@code /metrics/} paths (their Prometheus configuration scrapes {@code /metrics/}).
 */
@Controller
public class PrometheusAliasController {

	@GetMapping({ "/metrics", "/metrics/" })
	String metrics() {
		return "forward:/actuator/prometheus";
	}

}
