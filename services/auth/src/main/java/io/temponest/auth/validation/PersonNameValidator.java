package io.temponest.auth.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/** Checks {@link PersonName} with {@link NameRule}. */
public class PersonNameValidator implements ConstraintValidator<PersonName, String> {

	private int max;

	@Override
	public void initialize(PersonName annotation) {
		this.max = annotation.max();
	}

	@Override
	public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
		return value == null || NameRule.isValid(value, this.max);
	}

}
