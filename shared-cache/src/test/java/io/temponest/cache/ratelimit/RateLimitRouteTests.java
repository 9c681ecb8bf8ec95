package io.temponest.cache.ratelimit;

import java.time.Duration;
import java.util.List;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Route matching and the wording of limits. */
class RateLimitRouteTests {

	@Test
	void descriptionWhenWholeUnitThenWrittenLikeTheOriginal() {
		assertThat(route(5, Duration.ofMinutes(1)).description()).isEqualTo("5 per 1 minute");
		assertThat(route(3, Duration.ofHours(1)).description()).isEqualTo("3 per 1 hour");
		assertThat(route(100, Duration.ofSeconds(1)).description()).isEqualTo("100 per 1 second");
		assertThat(route(10, Duration.ofMinutes(15)).description()).isEqualTo("10 per 15 minutes");
		assertThat(route(50, Duration.ofDays(1)).description()).isEqualTo("50 per 1 day");
		assertThat(route(7, Duration.ofSeconds(90)).description()).isEqualTo("7 per 90 seconds");
		assertThat(route(1, Duration.ofMillis(1500)).description()).isEqualTo("1 per 1500 milliseconds");
	}

	@Test
	void matchWhenMethodAndPatternMatchThenRoute() {
		RateLimitRoutes routes = new RateLimitRoutes(
				List.of(RateLimitRoute.of("delete", "delete", "/api-keys/{id}", 20, Duration.ofHours(1))));
		assertThat(routes.match(request("DELETE", "/api-keys/42"))).map(RateLimitRoute::id).contains("delete");
		assertThat(routes.match(request("DELETE", "/api-keys/42/"))).map(RateLimitRoute::id).contains("delete");
		assertThat(routes.match(request("GET", "/api-keys/42"))).isEmpty();
		assertThat(routes.match(request("DELETE", "/api-keys/42/extra"))).isEmpty();
	}

	@Test
	void matchWhenNoMethodConfiguredThenAnyMethod() {
		RateLimitRoutes routes = new RateLimitRoutes(
				List.of(RateLimitRoute.of("health", null, "/health/", 100, Duration.ofMinutes(1))));
		assertThat(routes.match(request("GET", "/health"))).isPresent();
		assertThat(routes.match(request("HEAD", "/health/"))).isPresent();
	}

	@Test
	void matchWhenSeveralRoutesMatchThenMostSpecificWins() {
		RateLimitRoutes routes = new RateLimitRoutes(
				List.of(RateLimitRoute.of("any", null, "/agents/**", 100, Duration.ofMinutes(1)),
						RateLimitRoute.of("developer", null, "/agents/developer", 30, Duration.ofMinutes(1)),
						RateLimitRoute.of("developerPost", "POST", "/agents/developer", 10, Duration.ofMinutes(1))));
		assertThat(routes.match(request("POST", "/agents/developer"))).map(RateLimitRoute::id)
			.contains("developerPost");
		assertThat(routes.match(request("GET", "/agents/developer"))).map(RateLimitRoute::id).contains("developer");
		assertThat(routes.match(request("GET", "/agents/overseer"))).map(RateLimitRoute::id).contains("any");
	}

	@Test
	void matchWhenContextPathThenPathWithinApplication() {
		RateLimitRoutes routes = new RateLimitRoutes(
				List.of(RateLimitRoute.of("login", "POST", "/auth/login", 5, Duration.ofMinutes(1))));
		MockHttpServletRequest request = request("POST", "/app/auth/login");
		request.setContextPath("/app");
		assertThat(routes.match(request)).isPresent();
	}

	@Test
	void ofWhenInvalidThenExplains() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitRoute.of("login", "POST", "/x", 0, Duration.ofMinutes(1)))
			.withMessageContaining("login")
			.withMessageContaining("positive limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitRoute.of("login", "POST", " ", 5, Duration.ofMinutes(1)))
			.withMessageContaining("path");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitRoute.of("login", "POST", "/x", 5, Duration.ZERO))
			.withMessageContaining("period");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitRoute.of("a:b", "POST", "/x", 5, Duration.ofMinutes(1)))
			.withMessageContaining("':'");
	}

	@Test
	void retryAfterWhenPartialSecondThenRoundedUp() {
		RateLimitRoute route = route(1, Duration.ofMinutes(1));
		assertThat(new RateLimitDecision(route, "key", false, 0, 1_000_000_001L, null, null).retryAfterSeconds())
			.isEqualTo(2);
		assertThat(new RateLimitDecision(route, "key", false, 0, 59_000_000_000L, null, null).retryAfterSeconds())
			.isEqualTo(59);
		assertThat(new RateLimitDecision(route, "key", false, 0, 0, null, null).retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void localBucketsWhenFullThenOldestDropped() {
		LocalBuckets buckets = new LocalBuckets(2);
		RateLimitRoute route = route(1, Duration.ofMinutes(1));
		assertThat(buckets.fallback("a", route, 1).tryConsume(1)).isTrue();
		buckets.fallback("b", route, 1);
		assertThat(buckets.fallback("a", route, 1).tryConsume(1)).isFalse();
		buckets.fallback("c", route, 1);
		assertThat(buckets.size()).isEqualTo(2);
		assertThat(buckets.remembered("a")).isNull();
		assertThat(buckets.fallback("a", route, 1).tryConsume(1)).isTrue();
	}

	@Test
	void localBucketsWhenShareGivenThenBucketHoldsTheShare() {
		LocalBuckets buckets = new LocalBuckets(10);
		RateLimitRoute route = route(5, Duration.ofMinutes(1));
		assertThat(buckets.fallback("a", route, 2).getAvailableTokens()).isEqualTo(2);
	}

	@Test
	void localBucketsWhenOnePeriodPassedSinceLastFallbackUseThenForgotten() {
		MovableTime time = new MovableTime();
		LocalBuckets buckets = new LocalBuckets(10, time);
		RateLimitRoute route = route(3, Duration.ofHours(1));
		Bucket used = buckets.fallback("a", route, 3);
		used.tryConsume(3);
		time.advance(Duration.ofMinutes(40));
		assertThat(buckets.fallback("a", route, 3)).as("still in the outage").isSameAs(used);
		time.advance(Duration.ofMinutes(59));
		assertThat(buckets.remembered("a")).as("one period after the last fallback use is not over").isSameAs(used);
		assertThat(used.tryConsume(1)).as("refilled an hour after its first use").isTrue();
		time.advance(Duration.ofMinutes(1));
		assertThat(buckets.remembered("a")).isNull();
		assertThat(buckets.size()).isZero();
	}

	private static RateLimitRoute route(int limit, Duration period) {
		return RateLimitRoute.of("route", "GET", "/x", limit, period);
	}

	private static MockHttpServletRequest request(String method, String uri) {
		return new MockHttpServletRequest(method, uri);
	}

	/** A Bucket4j time source that the test moves by hand. */
	private static final class MovableTime implements TimeMeter {

		private long nanos = 1_000_000_000L;

		void advance(Duration duration) {
			this.nanos += duration.toNanos();
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
