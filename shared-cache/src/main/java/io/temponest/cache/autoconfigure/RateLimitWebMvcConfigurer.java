package io.temponest.cache.autoconfigure;

import io.temponest.cache.ratelimit.RateLimitInterceptor;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the {@link RateLimitInterceptor} ahead of other interceptors. */
final class RateLimitWebMvcConfigurer implements WebMvcConfigurer {

	private final RateLimitInterceptor interceptor;

	RateLimitWebMvcConfigurer(RateLimitInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.interceptor).order(Ordered.HIGHEST_PRECEDENCE);
	}

}
