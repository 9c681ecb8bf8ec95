package io.temponest.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.temponest.testsupport.PlatformTestInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of the service's tests: the whole service with a mock web
 * environment, on this run's PostgreSQL database and Redis prefix, with a signing key
 * written for the run, a clock that tests move by hand, one registered service client for
 * token exchange, and the platform-event relay off (tests read the outbox).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AuthServiceApplication.class,
		properties = { "temponest.auth.token-exchange.clients." + AuthIntegrationTest.SERVICE_CLIENT_ID + ".secret="
				+ AuthIntegrationTest.SERVICE_CLIENT_SECRET, "platform.events.relay-enabled=false" })
@AutoConfigureMockMvc
@Import({ PlatformTestInfrastructure.class, TestSigningKey.class, TestClock.class, Fixtures.class })
public @interface AuthIntegrationTest {

	/** The client id of the registered service client. */
	String SERVICE_CLIENT_ID = "test-service";

	/** The secret of the registered service client. */
	String SERVICE_CLIENT_SECRET = "test-only-service-client-secret-0123456789";

}
