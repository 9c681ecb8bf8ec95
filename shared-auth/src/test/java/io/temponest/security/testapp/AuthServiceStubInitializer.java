package io.temponest.security.testapp;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points {@code platform.security.auth-service-url} at the WireMock auth service before
 * the context refreshes (beans bound while the web server starts never see
 * {@code DynamicPropertyRegistrar} values).
 */
public class AuthServiceStubInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues.of("platform.security.auth-service-url=" + AuthServiceStub.baseUrl()).applyTo(context);
	}

}
