package io.temponest.scheduler;

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
 * environment, on this run's PostgreSQL database and Redis prefix, verifying tokens with
 * a test key, calling a WireMock agents service, on a clock the tests move. The
 * background poll loop and the event relay's loop are off; tests poll and relay
 * explicitly (or start pollers of their own).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SchedulerServiceApplication.class,
		properties = { "temponest.scheduler.enabled=false", "platform.events.relay-enabled=false" })
@AutoConfigureMockMvc
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
public @interface SchedulerIntegrationTest {

}
