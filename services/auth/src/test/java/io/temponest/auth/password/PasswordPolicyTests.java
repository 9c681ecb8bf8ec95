package io.temponest.auth.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The password policy of new passwords. */
class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void commonPasswordsWhenLoadedThenAtLeastTenThousand() {
		assertThat(this.policy.commonPasswordCount()).isGreaterThanOrEqualTo(10_000);
		assertThat(this.policy.isCommon("123456")).isTrue();
		assertThat(this.policy.isCommon("PASSWORD")).isTrue();
	}

	@Test
	void violationsWhenTooShortThenLengthRule() {
		assertThat(this.policy.violations("Short1Aa")).containsExactly("must be at least 12 characters long");
	}

	@Test
	void violationsWhenNoUpperCaseThenUpperRule() {
		assertThat(this.policy.violations("lowercase-only-42")).containsExactly("must contain an upper-case letter");
	}

	@Test
	void violationsWhenNoLowerCaseThenLowerRule() {
		assertThat(this.policy.violations("UPPERCASE-ONLY-42")).containsExactly("must contain a lower-case letter");
	}

	@Test
	void violationsWhenNoDigitThenDigitRule() {
		assertThat(this.policy.violations("No-Digits-At-All")).containsExactly("must contain a digit");
	}

	@Test
	void violationsWhenCommonInAnyCaseThenCommonRule() {
		assertThat(this.policy.violations("Password1234")).containsExactly("is too common");
		assertThat(this.policy.violations("Qwerty123456")).containsExactly("is too common");
	}

	@Test
	void checkWhenSeveralRulesBrokenThenListsThemAll() {
		assertThatExceptionOfType(WeakPasswordException.class).isThrownBy(() -> this.policy.check("password"))
			.satisfies((ex) -> assertThat(ex.violations()).hasSize(4)
				.contains("must be at least 12 characters long", "is too common"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ValidPass123!", "SecurePass123!", "SecurePassword123!", "ValidPassword123!",
			"TestPassword123!", "NewPassword123!", "Integration123!Test" })
	void checkWhenPasswordsTheOriginalTestsRegisterThenAccepted(String password) {
		assertThatNoException().isThrownBy(() -> this.policy.check(password));
	}

}
