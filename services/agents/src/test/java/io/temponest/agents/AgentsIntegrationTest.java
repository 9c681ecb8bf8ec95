package io.temponest.agents;

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
 * a test key, with every LLM provider pointed at one WireMock server that speaks their
 * wire protocols (with short provider timeouts and back-off), the ingestion service on
 * another (documents up to 2 MB), webhooks allowed to reach the test receiver at
 * 127.0.0.2 only (polled every 100 ms, gauges read again after 200 ms), on a clock the
 * tests move.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AgentsServiceApplication.class,
		properties = { "temponest.llm.timeout=5s", "temponest.llm.backoff.initial=10ms",
				"temponest.llm.backoff.max=50ms", "temponest.agents.knowledge.max-document-size=2MB",
				"temponest.agents.webhooks.allowed-hosts=127.0.0.2/32", "temponest.agents.webhooks.poll-interval=100ms",
				"temponest.agents.webhooks.metrics-cache-for=200ms", "temponest.agents.record-patience=8s" })
@AutoConfigureMockMvc
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
public @interface AgentsIntegrationTest {

}
