package io.temponest.security;

import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.MethodAuthorizationDeniedHandler;
import org.springframework.security.core.Authentication;

/**
 * Wraps the {@code @PreAuthorize} authorization manager so that superusers pass every
 * check; everyone else is decided by the wrapped manager.
 */
public final class SuperuserAuthorizationManager
		implements AuthorizationManager<MethodInvocation>, MethodAuthorizationDeniedHandler {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private final AuthorizationManager<MethodInvocation> delegate;

	/**
	 * Wrap a manager.
	 * @param delegate the manager that decides for everyone but superusers
	 */
	public SuperuserAuthorizationManager(AuthorizationManager<MethodInvocation> delegate) {
		this.delegate = delegate;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			MethodInvocation invocation) {
		if (isSuperuser(authentication.get())) {
			return GRANTED;
		}
		return this.delegate.authorize(authentication, invocation);
	}

	@Override
	public Object handleDeniedInvocation(MethodInvocation invocation, AuthorizationResult result) {
		if (this.delegate instanceof MethodAuthorizationDeniedHandler handler) {
			return handler.handleDeniedInvocation(invocation, result);
		}
		throw new AuthorizationDeniedException("Access Denied", result);
	}

	private static boolean isSuperuser(Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof AuthPrincipal principal
				&& principal.superuser();
	}

}
