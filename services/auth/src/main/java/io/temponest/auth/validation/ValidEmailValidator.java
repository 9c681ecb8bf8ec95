package io.temponest.auth.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/** Checks {@link ValidEmail} with {@link EmailAddress}. */
public class ValidEmailValidator implements ConstraintValidator<ValidEmail, String> {

	@Override
	public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
		return value == null || EmailAddress.isValid(value);
	}

}
