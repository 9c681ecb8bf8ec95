package io.temponest.security.web;

import io.temponest.security.testapp.SecurityWebTest;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request over its rate limit (shared-cache's interceptor) is answered by the
 * platform's problem rendering like every other error, keeping the limiter's headers.
 */
@SecurityWebTest
class RateLimitProblemIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void requestWhenOverLimitThenPlatformProblemWithRateLimitHeaders() {
		ApiCaller caller = ApiCaller.anonymous();
		assertThat(this.mvc.perform(caller.get("/public/limited"))).hasStatusOk();
		MvcTestResult limited = this.mvc.perform(caller.get("/public/limited").header(RequestIdFilter.HEADER, "rl-1"));
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = ApiCaller.json(limited);
		assertThat(problem.get("detail").asString()).isEqualTo("Rate limit exceeded: 1 per 1 minute");
		assertThat(problem.get("error").asString()).isEqualTo("Rate limit exceeded: 1 per 1 minute");
		assertThat(problem.get(ProblemResponses.SERVICE).asString()).isEqualTo("test-service");
		assertThat(problem.get(ProblemResponses.REQUEST_ID).asString()).isEqualTo("rl-1");
		assertThat(problem.get("instance").asString()).isEqualTo(ProblemResponses.INSTANCE_PREFIX + "rl-1");
		assertThat(Long.parseLong(limited.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isPositive();
		assertThat(limited.getResponse().getHeaders("X-RateLimit-Limit")).containsExactly("1");
		assertThat(limited.getResponse().getHeaders("X-RateLimit-Remaining")).containsExactly("0");
	}

	@Test
	void requestWhenOtherClientThenOwnBucket() {
		ApiCaller first = ApiCaller.anonymous();
		assertThat(this.mvc.perform(first.get("/public/limited"))).hasStatusOk();
		assertThat(this.mvc.perform(first.get("/public/limited"))).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(this.mvc.perform(ApiCaller.anonymous().get("/public/limited"))).hasStatusOk();
	}

}
