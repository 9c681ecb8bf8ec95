package io.temponest.bench.floor;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The two floor endpoints: a bare MVC one and one behind the RS256 resource server. */
@RestController
class FloorController {

	@GetMapping("/floor")
	FloorResponse floor() {
		return new FloorResponse("ok", null);
	}

	@GetMapping("/floor/secured")
	FloorResponse secured(@AuthenticationPrincipal Jwt jwt) {
		return new FloorResponse("ok", jwt.getSubject());
	}

}
