package io.temponest.security.exchange;

import java.io.IOException;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.RequestIdPropagationInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Sends {@code RestClient} calls as a user: {@code Authorization: Bearer <the user's
 * exchanged token>} for the user named by the request's {@link ActingUser#ATTRIBUTE}
 * attribute, else for the signed-in user of the current request; and forwards the request
 * id like {@link RequestIdPropagationInterceptor}. A request that already has an
 * {@code Authorization} header is sent as it is. A call with no user to act for (no
 * attribute, and no signed-in user, or an API key bound to no user) fails with an
 * {@link IllegalStateException} before anything is sent.
 */
public final class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

	private final ServiceTokenClient tokens;

	private final RequestIdPropagationInterceptor requestIds = new RequestIdPropagationInterceptor();

	/**
	 * Create an interceptor.
	 * @param tokens where tokens come from
	 */
	public ServiceTokenInterceptor(ServiceTokenClient tokens) {
		this.tokens = tokens;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			ActingUser user = actingUser(request);
			if (user == null) {
				throw new IllegalStateException("No user to act for on " + request.getMethod() + " "
						+ request.getURI().getPath() + ": set the " + ActingUser.ATTRIBUTE
						+ " request attribute or call within a signed-in user's request");
			}
			request.getHeaders().setBearerAuth(this.tokens.tokenFor(user));
		}
		return this.requestIds.intercept(request, body, execution);
	}

	private static @Nullable ActingUser actingUser(HttpRequest request) {
		if (request.getAttributes().get(ActingUser.ATTRIBUTE) instanceof ActingUser given) {
			return given;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof AuthPrincipal principal) {
			return principal.userUuid().map((userId) -> new ActingUser(principal.tenantUuid(), userId)).orElse(null);
		}
		return null;
	}

}
