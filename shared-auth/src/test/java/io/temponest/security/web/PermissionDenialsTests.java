package io.temponest.security.web;

import org.junit.jupiter.api.Test;

import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;

import static org.assertj.core.api.Assertions.assertThat;

/** Details of 403 answers derived from the denied expression. */
class PermissionDenialsTests {

	private final SpelExpressionParser parser = new SpelExpressionParser();

	@Test
	void detailWhenSingleHasAuthorityThenNamesThePermission() {
		assertThat(PermissionDenials.detail(denied("hasAuthority('agents:execute')")))
			.isEqualTo("Missing required permission: agents:execute");
		assertThat(PermissionDenials.detail(denied(" hasAuthority( \"webhooks:manage\" ) ")))
			.isEqualTo("Missing required permission: webhooks:manage");
	}

	@Test
	void detailWhenCompoundExpressionThenGeneric() {
		assertThat(PermissionDenials.detail(denied("hasAuthority('a:b') or hasAuthority('c:d')")))
			.isEqualTo("Missing required permission");
		assertThat(PermissionDenials.detail(denied("hasAnyAuthority('a:b', 'c:d')")))
			.isEqualTo("Missing required permission");
	}

	@Test
	void detailWhenNoExpressionThenGeneric() {
		assertThat(PermissionDenials.detail(new AccessDeniedException("Access Denied")))
			.isEqualTo("Missing required permission");
		assertThat(PermissionDenials
			.detail(new AuthorizationDeniedException("Access Denied", new AuthorizationDecision(false))))
			.isEqualTo("Missing required permission");
	}

	private AuthorizationDeniedException denied(String expression) {
		return new AuthorizationDeniedException("Access Denied",
				new ExpressionAuthorizationDecision(false, this.parser.parseExpression(expression)));
	}

}
