package io.temponest.cache.ratelimit;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import io.temponest.cache.RedisKeys;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits requests to the configured routes, per route and caller: the authenticated
 * principal's name, else the client address ({@code rl:{route}:user:{name}} or
 * {@code rl:{route}:ip:{address}}). Allowed requests carry {@code X-RateLimit-Limit} and
 * {@code X-RateLimit-Remaining}; the rest get a 429 problem. A request answered with 400
 * or 422 gets its token back, so bad input does not use up the quota.
 */
public final class RateLimitInterceptor implements HandlerInterceptor {

	static final String LIMIT_HEADER = "X-RateLimit-Limit";

	static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	private static final String DECISION_ATTRIBUTE = RateLimitInterceptor.class.getName() + ".decision";

	private final RateLimitRoutes routes;

	private final RateLimiter rateLimiter;

	private final RedisKeys keys;

	/**
	 * Create an interceptor.
	 * @param routes the limited routes
	 * @param rateLimiter where tokens come from
	 * @param keys the Redis key prefix
	 */
	public RateLimitInterceptor(List<RateLimitRoute> routes, RateLimiter rateLimiter, RedisKeys keys) {
		this.routes = new RateLimitRoutes(routes);
		this.rateLimiter = rateLimiter;
		this.keys = keys;
	}

	/** The limited routes, most specific first. */
	public List<RateLimitRoute> routes() {
		return this.routes.routes();
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return true;
		}
		Optional<RateLimitRoute> route = this.routes.match(request);
		if (route.isEmpty()) {
			return true;
		}
		RateLimitDecision decision = this.rateLimiter.tryAcquire(route.get(), bucketKey(route.get(), request));
		String limit = Integer.toString(route.get().limit());
		String remaining = Long.toString(decision.remaining());
		response.setHeader(LIMIT_HEADER, limit);
		response.setHeader(REMAINING_HEADER, remaining);
		if (!decision.allowed()) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(LIMIT_HEADER, limit);
			headers.set(REMAINING_HEADER, remaining);
			throw new RateLimitExceededException(decision, headers);
		}
		request.setAttribute(DECISION_ATTRIBUTE, decision);
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (request.getAttribute(DECISION_ATTRIBUTE) instanceof RateLimitDecision decision
				&& isBadInput(response.getStatus())) {
			request.removeAttribute(DECISION_ATTRIBUTE);
			this.rateLimiter.refund(decision);
		}
	}

	private String bucketKey(RateLimitRoute route, HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		String caller = (principal != null && principal.getName() != null) ? "user:" + principal.getName()
				: "ip:" + request.getRemoteAddr();
		return this.keys.key("rl:" + route.id() + ":" + caller);
	}

	private static boolean isBadInput(int status) {
		return status == HttpStatus.BAD_REQUEST.value() || status == HttpStatus.UNPROCESSABLE_CONTENT.value();
	}

}
