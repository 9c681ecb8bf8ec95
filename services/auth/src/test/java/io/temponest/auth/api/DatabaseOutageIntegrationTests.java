package io.temponest.auth.api;

import java.time.Duration;

import io.temponest.auth.Api;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
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
		Api api = new Api(this.mvc);
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "developer");
		String token = api.accessToken(user.email(), Fixtures.PASSWORD);

		this.database.cut();

		MvcTestResult me = api.get("/auth/me", token);
		assertThat(me).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "1");
		assertThat(Api.json(me).get("detail").asString()).isEqualTo("The database is unavailable; retry shortly");
		assertThat(api.post("/auth/login",
				"{\"email\":\"" + user.email() + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}"))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(api.get("/.well-known/jwks.json", null)).as("needs no database").hasStatus(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(api.get("/actuator/health/readiness", null)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(api.get("/health", null)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		});
		assertThat(api.get("/actuator/health/liveness", null)).hasStatus(HttpStatus.OK);

		this.database.restore();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(api.get("/auth/me", token)).hasStatus(HttpStatus.OK);
			assertThat(api.get("/actuator/health/readiness", null)).hasStatus(HttpStatus.OK);
			assertThat(api.get("/health", null)).hasStatus(HttpStatus.OK);
		});
	}

}
