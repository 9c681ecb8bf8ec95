package io.temponest.auth;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The auth service: users, tenants, roles and permissions, tokens, API keys and JWKS. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServiceApplication.class, args);
	}

	/**
	 * The clock that times refresh-token rotation (the reuse grace period); tests replace
	 * it.
	 * @return the system clock
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
