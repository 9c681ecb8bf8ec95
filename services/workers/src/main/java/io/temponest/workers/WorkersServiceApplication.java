package io.temponest.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The workers service: Temporal workers of the project pipeline and simple agent tasks.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkersServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkersServiceApplication.class, args);
	}

}
