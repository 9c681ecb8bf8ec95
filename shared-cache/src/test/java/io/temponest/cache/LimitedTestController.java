package io.temponest.cache;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Endpoints that the test configuration limits (and one that it does not); like the
 * services, it accepts a trailing slash.
 */
@RestController
class LimitedTestController {

	@PostMapping("/auth/login")
	String login() {
		return "ok";
	}

	@GetMapping({ "/items/{id}", "/items/{id}/" })
	String item(@PathVariable String id) {
		return id;
	}

	@PostMapping("/submissions")
	ResponseEntity<String> submit(@RequestParam int status, @RequestParam(defaultValue = "false") boolean raise) {
		if (raise) {
			throw new ResponseStatusException(HttpStatusCode.valueOf(status));
		}
		return ResponseEntity.status(status).body("answered " + status);
	}

	@GetMapping("/free")
	String free() {
		return "free";
	}

}
