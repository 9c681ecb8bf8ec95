package io.temponest.auth.api;

import java.time.Duration;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.SignIn;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TcpProxy;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL cut away from the running service (through the test TCP proxy; the shared
 * server keeps running): requests that need it answer 503 with {@code Retry-After},
 * readiness and {@code /health} turn DOWN while liveness stays UP, and the service
 * recovers without a restart.
 */
@AuthIntegrationTest
class DatabaseOutageIntegrationTests {

	private final TcpProxy database = TestInfrastructure.get().postgresProxy();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	@AfterEach
	void restoreDatabase() {
		this.database.restore();
	}

	@Test
	void requestsWhenDatabaseGoneThen503ReadinessDownLivenessUpAndRecovery() {
		ApiCaller api = ApiCaller.anonymous();
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "developer");
		String token = SignIn.accessToken(this.mvc, api, user.email(), Fixtures.PASSWORD);

		this.database.cut();

		MvcTestResult me = this.mvc.perform(api.bearer(token).get("/auth/me"));
		assertThat(me).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "1");
		assertThat(ApiCaller.json(me).get("detail").asString()).isEqualTo("The database is unavailable; retry shortly");
		assertThat(this.mvc.perform(api
			.post("{\"email\":\"" + user.email() + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}", "/auth/login")))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.mvc.perform(api.get("/.well-known/jwks.json"))).as("needs no database")
			.hasStatus(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.mvc.perform(api.get("/actuator/health/readiness")))
				.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(this.mvc.perform(api.get("/health"))).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		});
		assertThat(this.mvc.perform(api.get("/actuator/health/liveness"))).hasStatus(HttpStatus.OK);

		this.database.restore();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.mvc.perform(api.bearer(token).get("/auth/me"))).hasStatus(HttpStatus.OK);
			assertThat(this.mvc.perform(api.get("/actuator/health/readiness"))).hasStatus(HttpStatus.OK);
			assertThat(this.mvc.perform(api.get("/health"))).hasStatus(HttpStatus.OK);
		});
	}

}
