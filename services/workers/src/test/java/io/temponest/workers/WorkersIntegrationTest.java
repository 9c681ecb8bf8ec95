package io.temponest.workers;

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
 * The one Spring context of the service's tests: the whole service on a random port (for
 * the OpenAPI harness) with MockMvc too, on this run's PostgreSQL database and Redis
 * prefix, verifying tokens with a test key, its Temporal worker polling an in-process
 * Temporal test server (no time skipping), the agents, approval and auth services as
 * WireMock servers. The event relay's loop is off (events stay in the outbox for tests to
 * read); rate limits are lifted for the harness.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = WorkersServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.events.relay-enabled=false", "platform.ratelimit.enabled=false" })
@AutoConfigureMockMvc
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
public @interface WorkersIntegrationTest {

}
