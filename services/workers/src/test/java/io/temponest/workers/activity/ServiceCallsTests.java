package io.temponest.workers.activity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.ServiceTokenClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How answers of the agents and approval services become Temporal failures: final 4xx
 * (non-retryable), retryable 401/408/409/425/429 and 5xx, timeouts, refused users; the
 * call carries the exchanged token, and a 401 drops it so the next attempt exchanges
 * anew.
 */
class ServiceCallsTests {

	private static final WireMockServer SERVICE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private static final WireMockServer AUTH = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final ActingUser user = new ActingUser(UUID.randomUUID(), UUID.randomUUID());

	private ServiceCalls calls;

	@BeforeAll
	static void start() {
		SERVICE.start();
		AUTH.start();
	}

	@AfterAll
	static void stop() {
		SERVICE.stop();
		AUTH.stop();
	}

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void reset() {
		SERVICE.resetAll();
		AUTH.resetAll();
		AUTH.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH))
			.willReturn(okJson("{\"access_token\": \"token-1\", \"expires_in\": 300}")));
		this.calls = new ServiceCalls(new ServiceTokenClient(RestClient.create(AUTH.baseUrl()), "workers",
				"test-only-workers-client-secret-0123456789", List.of(), Duration.ofSeconds(30), 10, Clock.systemUTC()),
				Duration.ofSeconds(2), Duration.ofSeconds(10), this.meters);
	}

	@Test
	void postWhenOkThenJsonWithTheUsersToken() {
		SERVICE.stubFor(post(urlEqualTo("/developer/run")).willReturn(okJson("{\"status\": \"completed\"}")));
		assertThat(call().get("status").asString()).isEqualTo("completed");
		assertThat(
				SERVICE.findAll(postRequestedFor(urlEqualTo("/developer/run"))).getFirst().getHeader("Authorization"))
			.isEqualTo("Bearer token-1");
	}

	@ParameterizedTest
	@CsvSource({ "400, true", "403, true", "404, true", "422, true", "401, false", "408, false", "409, false",
			"425, false", "429, false", "500, false", "502, false", "503, false" })
	void postWhenErrorStatusThenFailureRetryableOrNot(int status, boolean nonRetryable) {
		SERVICE.stubFor(post(urlEqualTo("/developer/run")).willReturn(aResponse().withStatus(status).withBody("no")));
		assertThatExceptionOfType(ApplicationFailure.class).isThrownBy(this::call).satisfies((failure) -> {
			assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
			assertThat(failure.getType()).isEqualTo(ServiceCalls.HTTP_ERROR);
			assertThat(failure.getOriginalMessage()).isEqualTo("POST /developer/run answered " + status + ": no");
		});
		assertThat(this.meters.get("temponest.pipeline.call.failures")
			.tags("target", "agents", "type", ServiceCalls.HTTP_ERROR, "retryable", String.valueOf(!nonRetryable))
			.counter()
			.count()).isEqualTo(1.0);
	}

	@Test
	void postWhen401ThenTheNextCallExchangesANewToken() {
		SERVICE.stubFor(post(urlEqualTo("/developer/run")).willReturn(aResponse().withStatus(401)));
		assertThatExceptionOfType(ApplicationFailure.class).isThrownBy(this::call);
		assertThatExceptionOfType(ApplicationFailure.class).isThrownBy(this::call);
		assertThat(AUTH.findAll(postRequestedFor(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH)))).hasSize(2);
	}

	@Test
	void postWhenTooSlowThenRetryableTimeout() {
		SERVICE.stubFor(post(urlEqualTo("/developer/run")).willReturn(okJson("{}").withFixedDelay(3000)));
		assertThatExceptionOfType(ApplicationFailure.class)
			.isThrownBy(() -> this.calls.post(uri(), Map.of("task", "t"), this.user, Duration.ofMillis(300), false))
			.satisfies((failure) -> {
				assertThat(failure.isNonRetryable()).isFalse();
				assertThat(failure.getType()).isEqualTo("Timeout");
			});
	}

	@Test
	void postWhenAuthRefusesTheUserThenNonRetryableWithoutACall() {
		AUTH.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH)).atPriority(1)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\": \"invalid_grant\", \"detail\": \"user is deactivated\"}")));
		assertThatExceptionOfType(ApplicationFailure.class).isThrownBy(this::call).satisfies((failure) -> {
			assertThat(failure.isNonRetryable()).isTrue();
			assertThat(failure.getType()).isEqualTo(ServiceCalls.USER_REFUSED);
		});
		assertThat(SERVICE.getAllServeEvents()).isEmpty();
	}

	private tools.jackson.databind.JsonNode call() {
		return this.calls.post(uri(), Map.of("task", "t"), this.user, Duration.ofSeconds(5), false);
	}

	private static URI uri() {
		return URI.create(SERVICE.baseUrl() + "/developer/run");
	}

}
