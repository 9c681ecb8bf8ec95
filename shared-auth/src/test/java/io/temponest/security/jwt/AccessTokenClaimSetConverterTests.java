package io.temponest.security.jwt;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AccessTokenClaimSetConverter}: timestamps as instants, audience as a list, the
 * rest as parsed.
 */
class AccessTokenClaimSetConverterTests {

	private final AccessTokenClaimSetConverter converter = new AccessTokenClaimSetConverter();

	@Test
	void convertWhenTimestampsAreDatesOrSecondsThenInstants() {
		Map<String, Object> claims = this.converter
			.convert(Map.of("exp", new Date(1_700_000_100_000L), "iat", 1_700_000_000L, "nbf", 1_699_999_999));
		assertThat(claims).containsEntry("exp", Instant.ofEpochSecond(1_700_000_100L))
			.containsEntry("iat", Instant.ofEpochSecond(1_700_000_000L))
			.containsEntry("nbf", Instant.ofEpochSecond(1_699_999_999L));
	}

	@Test
	void convertWhenAudienceIsOneStringThenAList() {
		assertThat(this.converter.convert(Map.of("aud", "temponest"))).containsEntry("aud", List.of("temponest"));
		assertThat(this.converter.convert(Map.of("aud", List.of("a", "b")))).containsEntry("aud", List.of("a", "b"));
	}

	@Test
	void convertWhenOtherClaimsThenKeptAsParsed() {
		Map<String, Object> parsed = Map.of("iss", "temponest-auth", "is_superuser", false, "roles", List.of("viewer"),
				"tenant_id", "0b6f2d1e-3f0c-4e55-9a59-6f1f2a0c9d11");
		assertThat(this.converter.convert(parsed)).isEqualTo(parsed);
	}

}
