package io.temponest.auth.password;

import java.util.List;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** A new password breaks the password policy: 422 listing every broken rule. */
public class WeakPasswordException extends DomainException {

	private static final long serialVersionUID = 1L;

	private final transient List<String> violations;

	WeakPasswordException(List<String> violations) {
		super(HttpStatus.UNPROCESSABLE_CONTENT,
				"Password does not meet the password policy: " + String.join("; ", violations));
		this.violations = List.copyOf(violations);
		getBody().setProperty("violations", this.violations);
	}

	/**
	 * The broken rules.
	 * @return one message per rule
	 */
	public List<String> violations() {
		return this.violations;
	}

}
