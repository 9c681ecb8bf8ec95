package io.temponest.auth.validation;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored-name rule and its constraints. */
class NameRuleTests {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void createValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ada Lovelace", "Other User's Key", "Sequential Test Key 0", "José Ñúñez", "李小龙",
			"Dr. Jane Smith, PhD (Ops)", "snake_case-name", "  padded  " })
	void isValidWhenBenignThenAccepted(String name) {
		assertThat(NameRule.isValid(name, 255)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "<script>alert('Stored XSS')</script>", "<img src=x onerror=alert('XSS')>",
			"' onload='alert(1)", "javascript:alert(1)", "a\"b", "a/b", "a;b", "line\nbreak", "tab\there", "${jndi}" })
	void isValidWhenMarkupOrEmptyThenRejected(String name) {
		assertThat(NameRule.isValid(name, 255)).isFalse();
	}

	@Test
	void isValidWhenLongerThanMaximumThenRejected() {
		assertThat(NameRule.isValid("a".repeat(100), 100)).isTrue();
		assertThat(NameRule.isValid("a".repeat(101), 100)).isFalse();
		assertThat(NameRule.isValid(null, 100)).isFalse();
	}

	@Test
	void constraintsWhenAppliedToRecordThenReportViolations() {
		Set<ConstraintViolation<Form>> violations = validator
			.validate(new Form("<b>bold</b>", "k".repeat(101), "not-an-email"));
		assertThat(violations).extracting((violation) -> violation.getPropertyPath().toString())
			.containsExactlyInAnyOrder("fullName", "keyName", "email");
		assertThat(validator.validate(new Form("Ada", "Key 1", "ada@example.com"))).isEmpty();
		assertThat(validator.validate(new Form(null, null, null))).isEmpty();
	}

	/** A form using the constraints. */
	record Form(@PersonName String fullName, @PersonName(max = 100) String keyName, @ValidEmail String email) {

	}

}
