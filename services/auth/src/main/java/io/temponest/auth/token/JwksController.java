package io.temponest.auth.token;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the public signing keys so that other services verify tokens locally. */
@RestController
@Tag(name = "keys")
class JwksController {

	private final PublicJwks jwks;

	JwksController(PublicJwks jwks) {
		this.jwks = jwks;
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(summary = "Public keys (JWK set) of the access-token signers")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(this.jwks.toJson());
	}

}
