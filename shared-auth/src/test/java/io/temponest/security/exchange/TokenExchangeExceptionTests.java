package io.temponest.security.exchange;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TokenExchangeException#userRefused}: a refusal of the user, for good. */
class TokenExchangeExceptionTests {

	@Test
	void userRefusedWhenCreatedThenRefusesTheUserWithItsErrorAndReason() {
		TokenExchangeException ex = TokenExchangeException.userRefused("invalid_grant", "User account is inactive");
		assertThat(ex.isUserRefused()).isTrue();
		assertThat(ex.error()).isEqualTo("invalid_grant");
		assertThat(ex).hasMessage("User account is inactive").hasNoCause();
	}

}
