package io.temponest.approval;

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
 * The one Spring context of the service's tests: the whole service on a random port (the
 * browser and the hostile-input harness need real HTTP, the other tests use MockMvc), on
 * this run's PostgreSQL database and Redis prefix, verifying tokens with a test key,
 * signing in through a WireMock auth service, signalling a Temporal test server through a
 * proxy the tests can cut, on a clock the tests move. The background loops and the event
 * relay are off: tests dispatch and sweep explicitly.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ApprovalServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "temponest.approval.background-enabled=false", "platform.events.relay-enabled=false",
				"temponest.approval.pages.secure-cookie=false", "temponest.approval.signals.rpc-timeout=3s" })
@AutoConfigureMockMvc
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
public @interface ApprovalIntegrationTest {

}
