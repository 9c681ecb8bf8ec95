package io.temponest.security.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The UTC system clock every time decision of a service reads (token expiry, rotation
 * grace, schedules, budget periods); tests supply a clock they move instead.
 */
@AutoConfiguration
public final class PlatformClockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
