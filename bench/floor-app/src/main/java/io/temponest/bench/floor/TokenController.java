package io.temponest.bench.floor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands out an RS256 token for {@code /floor/secured}, signed with the key generated at
 * start.
 */
@RestController
class TokenController {

	static final Duration VALIDITY = Duration.ofHours(1);

	private final JwtEncoder encoder;

	TokenController(JwtEncoder encoder) {
		this.encoder = encoder;
	}

	@GetMapping("/floor/token")
	TokenResponse token() {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(FloorSecurityConfiguration.ISSUER)
			.subject("bench-user")
			.audience(List.of(FloorSecurityConfiguration.ISSUER))
			.issuedAt(now)
			.expiresAt(now.plus(VALIDITY))
			.claim("scope", "floor:read")
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new TokenResponse(token, "bearer", VALIDITY.toSeconds());
	}

	/**
	 * Token response in the auth service's JSON shape.
	 *
	 * @param accessToken the signed RS256 token
	 * @param tokenType always {@code bearer}
	 * @param expiresIn validity in seconds
	 */
	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") long expiresIn) {
	}

}
