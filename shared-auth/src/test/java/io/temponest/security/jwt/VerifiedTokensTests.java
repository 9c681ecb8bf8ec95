package io.temponest.security.jwt;

import java.time.Duration;
import java.time.Instant;

import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VerifiedTokens}: hits only for the same token text, never past expiry or age.
 */
class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private static final Duration SKEW = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock(NOW);

	private final VerifiedTokens tokens = new VerifiedTokens(64, Duration.ofMinutes(5), SKEW, this.clock);

	@Test
	void getWhenSameTokenTextThenTheVerifiedToken() {
		Jwt jwt = jwt("header.claims.signature", NOW.plus(Duration.ofMinutes(15)));
		this.tokens.put(jwt);
		assertThat(this.tokens.get(new String("header.claims.signature".toCharArray()))).isSameAs(jwt);
	}

	@Test
	void getWhenAnotherTokenThenNothing() {
		this.tokens.put(jwt("header.claims.signature", NOW.plus(Duration.ofMinutes(15))));
		assertThat(this.tokens.get("header.claims.signaturf")).isNull();
		assertThat(this.tokens.get("other")).isNull();
	}

	@Test
	void getWhenExpiredBeyondTheClockSkewThenNothing() {
		this.tokens.put(jwt("t", NOW.plus(Duration.ofMinutes(1))));
		this.clock.advance(Duration.ofMinutes(1).plus(SKEW).minusSeconds(1));
		assertThat(this.tokens.get("t")).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.tokens.get("t")).isNull();
	}

	@Test
	void getWhenVerifiedLongerAgoThanTheMaximumAgeThenNothing() {
		this.tokens.put(jwt("t", NOW.plus(Duration.ofHours(1))));
		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(this.tokens.get("t")).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.tokens.get("t")).isNull();
	}

	@Test
	void putWhenSlotsCollideThenTheNewerTokenReplacesTheOlder() {
		VerifiedTokens oneSlot = new VerifiedTokens(1, Duration.ofMinutes(5), SKEW, this.clock);
		Jwt first = jwt("first", NOW.plus(Duration.ofMinutes(15)));
		Jwt second = jwt("second", NOW.plus(Duration.ofMinutes(15)));
		oneSlot.put(first);
		oneSlot.put(second);
		assertThat(oneSlot.get("first")).isNull();
		assertThat(oneSlot.get("second")).isSameAs(second);
	}

	private static Jwt jwt(String token, Instant expiresAt) {
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("user")
			.issuedAt(NOW.minusSeconds(1))
			.expiresAt(expiresAt)
			.build();
	}

}
