package io.temponest.security.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.cache.RedisKeys;
import io.temponest.security.TokenVerificationMetrics;
import io.temponest.security.testapp.RecordingRedisAvailability;
import io.temponest.security.testapp.RedisConnections;
import io.temponest.security.testapp.SecurityWebTest;
import io.temponest.testsupport.TestTokens;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Access tokens against the test service: the valid path and every rejected forgery. */
@SecurityWebTest
class AccessTokenAuthenticationIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private RedisKeys redisKeys;

	@Test
	void meWhenTokenValidThenPrincipalFromClaims() {
		UUID userId = UUID.randomUUID();
		UUID tenantId = UUID.randomUUID();
		String token = TestTokens.sign(TestTokens.accessClaims(userId, tenantId, List.of("agents:read")).build());
		assertThat(this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"principal": {"user_id": "%s", "tenant_id": "%s", "email": "user@example.com",
					  "roles": ["viewer"], "permissions": ["agents:read"], "is_superuser": false, "auth_type": "jwt"},
					 "name": "%s", "authorities": ["agents:read", "ROLE_viewer"]}
					""".formatted(userId, tenantId, userId));
	}

	@Test
	void meWhenNoCredentialsThen401Missing() {
		assertThat(this.mvc.get().uri("/api/me")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 401, "detail": "Missing authentication credentials", "service": "test-service"}
					""");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgedTokens")
	void meWhenTokenForgedThen401Invalid(String attack, String token) {
		assertThat(this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 401, "detail": "Invalid authentication credentials", "service": "test-service"}
					""");
	}

	static Stream<Arguments> forgedTokens() throws JOSEException {
		JWTClaimsSet valid = TestTokens.accessClaims("agents:read").build();
		byte[] publicKeyBytes = TestTokens.key().toRSAPublicKey().getEncoded();
		String validToken = TestTokens.sign(valid);
		return Stream.of(Arguments.of("alg none", TestTokens.unsigned(valid)),
				Arguments.of("HS256 with a guessed secret",
						TestTokens.signHs256(valid,
								"test-secret-key-for-testing-only-min-32-characters-long"
									.getBytes(StandardCharsets.UTF_8),
								TestTokens.KEY_ID)),
				Arguments.of("HS256 signed with the RSA public key",
						TestTokens.signHs256(valid, publicKeyBytes, TestTokens.KEY_ID)),
				Arguments.of("another RSA key with the same key id",
						TestTokens.sign(valid, TestTokens.generateKey(TestTokens.KEY_ID))),
				Arguments.of("unknown key id", TestTokens.sign(valid, TestTokens.generateKey("unknown-key"))),
				Arguments.of("stripped signature", validToken.substring(0, validToken.lastIndexOf('.') + 1)),
				Arguments.of("tampered payload", tamper(validToken)),
				Arguments.of("wrong issuer", token((claims) -> claims.issuer("someone-else"))),
				Arguments.of("wrong audience", token((claims) -> claims.audience("other-platform"))),
				Arguments.of("expired beyond the clock skew", token((claims) -> expired(claims, 30))),
				Arguments.of("no expiry", token((claims) -> claims.expirationTime(null))),
				Arguments.of("refresh token", token((claims) -> claims.claim("type", "refresh"))),
				Arguments.of("no type", token((claims) -> claims.claim("type", null))),
				Arguments.of("no subject", token((claims) -> claims.subject(null))),
				Arguments.of("no tenant", token((claims) -> claims.claim("tenant_id", null))),
				Arguments.of("tenant not a UUID", token((claims) -> claims.claim("tenant_id", "unknown"))),
				Arguments.of("no email", token((claims) -> claims.claim("email", null))),
				Arguments.of("no token id", token((claims) -> claims.jwtID(null))),
				Arguments.of("permissions not a list",
						token((claims) -> claims.claim("permissions", "agents:execute"))),
				Arguments.of("only a subject",
						TestTokens.sign(new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
							.expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
							.build())),
				Arguments.of("not a token", "invalid.token.here"));
	}

	@Test
	void meWhenExpiredWithinClockSkewThen200() {
		String token = token((claims) -> expired(claims, 2));
		assertThat(this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).hasStatusOk();
	}

	@Test
	void meWhenTokenRevokedOnAnotherInstanceThen401() throws Exception {
		JWTClaimsSet claims = TestTokens.accessClaims("agents:read").build();
		String token = TestTokens.sign(claims);
		assertThat(this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).hasStatusOk();
		double revoked = count("jwt", "revoked");
		LettuceConnectionFactory connection = RedisConnections.start(TestInfrastructure.get().redisUrl());
		RedisRevokedTokens otherInstance = new RedisRevokedTokens(connection, this.redisKeys,
				new RecordingRedisAvailability(), Duration.ofMinutes(10), Clock.systemUTC());
		try {
			otherInstance.start();
			otherInstance.revoke(claims.getJWTID(), claims.getExpirationTime().toInstant());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
					.hasStatus(HttpStatus.UNAUTHORIZED)
					.bodyJson()
					.isLenientlyEqualTo("{\"detail\": \"Invalid authentication credentials\"}"));
			assertThat(count("jwt", "revoked")).isGreaterThan(revoked);
		}
		finally {
			otherInstance.destroy();
			connection.destroy();
		}
	}

	@Test
	void verificationsWhenValidAndInvalidThenCounted() {
		double valid = count("jwt", "valid");
		double invalid = count("jwt", "invalid");
		assertThat(this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.access()))
			.hasStatusOk();
		assertThat(this.mvc.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token((claims) -> claims.claim("type", "refresh"))))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(count("jwt", "valid")).isEqualTo(valid + 1);
		assertThat(count("jwt", "invalid")).isEqualTo(invalid + 1);
	}

	private double count(String type, String result) {
		return this.meterRegistry.get(TokenVerificationMetrics.METER_NAME)
			.tag("type", type)
			.tag("result", result)
			.counter()
			.count();
	}

	private static JWTClaimsSet.Builder expired(JWTClaimsSet.Builder claims, long secondsAgo) {
		Instant now = Instant.now();
		return claims.issueTime(Date.from(now.minus(Duration.ofMinutes(61))))
			.expirationTime(Date.from(now.minusSeconds(secondsAgo)));
	}

	private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
		return TestTokens.sign(change.apply(TestTokens.accessClaims("agents:read")).build());
	}

	private static String tamper(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"is_superuser\":false", "\"is_superuser\":true");
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

}
