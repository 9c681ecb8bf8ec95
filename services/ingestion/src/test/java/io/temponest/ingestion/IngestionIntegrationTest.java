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
 * verifying tokens with a test key, embedding with the in-process default model, on a
 * clock the tests move.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = IngestionServiceApplication.class)
@AutoConfigureMockMvc
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
public @interface IngestionIntegrationTest {

}
