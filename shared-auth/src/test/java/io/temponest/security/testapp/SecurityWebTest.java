package io.temponest.security.testapp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/** The one Spring context shared by every web test of this module. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=test-service", "spring.flyway.enabled=false",
				"spring.threads.virtual.enabled=true", "platform.security.public-paths=/public/**",
				"platform.security.cors.allowed-origins=https://app.example.com",
				"platform.security.max-request-size=1KB", "platform.ratelimit.routes.limited.path=/public/limited",
				"platform.ratelimit.routes.limited.limit=1" })
@ContextConfiguration(initializers = AuthServiceStubInitializer.class)
@AutoConfigureMockMvc
public @interface SecurityWebTest {

}
