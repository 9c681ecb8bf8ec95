package io.temponest.cache.ratelimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the route that limits a request: the most specific matching path pattern, a route
 * with a method before one for any method.
 */
final class RateLimitRoutes {

	private static final Comparator<RateLimitRoute> MOST_SPECIFIC_FIRST = Comparator
		.comparing(RateLimitRoute::pattern, PathPattern.SPECIFICITY_COMPARATOR)
		.thenComparing((RateLimitRoute route) -> route.method() == null);

	private final List<RateLimitRoute> routes;

	RateLimitRoutes(List<RateLimitRoute> routes) {
		List<RateLimitRoute> sorted = new ArrayList<>(routes);
		sorted.sort(MOST_SPECIFIC_FIRST);
		this.routes = List.copyOf(sorted);
	}

	Optional<RateLimitRoute> match(HttpServletRequest request) {
		if (this.routes.isEmpty()) {
			return Optional.empty();
		}
		PathContainer path = PathContainer
			.parsePath(RateLimitRoute.withoutTrailingSlash(pathWithinApplication(request)));
		for (RateLimitRoute route : this.routes) {
			if (route.matches(request.getMethod(), path)) {
				return Optional.of(route);
			}
		}
		return Optional.empty();
	}

	List<RateLimitRoute> routes() {
		return this.routes;
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		RequestPath path = ServletRequestPathUtils.hasParsedRequestPath(request)
				? ServletRequestPathUtils.getParsedRequestPath(request)
				: RequestPath.parse(request.getRequestURI(), request.getContextPath());
		return path.pathWithinApplication().value();
	}

}
