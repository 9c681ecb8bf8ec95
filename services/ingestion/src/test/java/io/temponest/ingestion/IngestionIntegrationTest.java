package io.temponest.ingestion;

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
 * environment, on this run's PostgreSQL database (with pgvector) and Redis prefix,
 * verifying tokens with a test key, embedding with the in-process default model and with
 * an Ollama model served by WireMock, watching a temporary folder, on a clock the tests
 * move.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = IngestionServiceApplication.class,
		properties = { "temponest.ingestion.max-document-size=1MB", "temponest.ingestion.poll-interval=50ms",
				"temponest.ingestion.embedding-batch=1", "temponest.ingestion.retry-backoff=1m",
				"temponest.ingestion.max-attempts=3", "temponest.ingestion.watch.interval=1h",
				"temponest.ingestion.metrics-refresh=1h" })
@AutoConfigureMockMvc
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
public @interface IngestionIntegrationTest {

}
