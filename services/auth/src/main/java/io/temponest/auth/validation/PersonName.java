package io.temponest.auth.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A person's name (or another stored display name, with a smaller {@link #max()}, such as
 * an API key's name): see {@link NameRule}. {@code null} is valid; combine with
 * {@code @NotNull} when required.
 */
@Documented
@Constraint(validatedBy = PersonNameValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PersonName {

	/**
	 * The longest allowed name.
	 * @return the maximum length in characters
	 */
	int max() default 255;

	/**
	 * The message.
	 * @return the message
	 */
	String message() default "must be 1 to {max} characters of letters, digits, spaces and . , ' _ - ( )";

	/**
	 * The groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * The payload.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

}
