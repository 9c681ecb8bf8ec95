package io.temponest.auth.health;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves Prometheus metrics also at the original's {@code /metrics/} path. */
@Controller
@Hidden
class PrometheusAliasController {

	@GetMapping({ "/metrics", "/metrics/" })
	String metrics() {
		return "forward:/actuator/prometheus";
	}

}
