package io.temponest.security.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;

/**
 * The 403 detail of a denied request: "Missing required permission: agents:execute" when
 * the denied expression is the single check {@code hasAuthority('agents:execute')}, else
 * the generic "Missing required permission".
 */
public final class PermissionDenials {

	/** Detail of a denial whose permission is not known. */
	public static final String MISSING_PERMISSION = "Missing required permission";

	private static final Pattern SINGLE_AUTHORITY = Pattern
		.compile("\\s*hasAuthority\\(\\s*(['\"])([^'\"]+)\\1\\s*\\)\\s*");

	private PermissionDenials() {
	}

	/**
	 * The detail for a denial.
	 * @param denial the denial
	 * @return the detail
	 */
	public static String detail(AccessDeniedException denial) {
		if (denial instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof ExpressionAuthorizationDecision decision) {
			Matcher matcher = SINGLE_AUTHORITY.matcher(decision.getExpression().getExpressionString());
			if (matcher.matches()) {
				return MISSING_PERMISSION + ": " + matcher.group(2);
			}
		}
		return MISSING_PERMISSION;
	}

}
