package io.temponest.auth;

import io.temponest.testsupport.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in tests: a {@link MutableClock} that starts at the context's start
 * and only moves when a test advances it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

}
