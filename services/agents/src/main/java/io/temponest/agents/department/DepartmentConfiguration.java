package io.temponest.agents.department;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the organisation at startup: a file that is missing or wrong stops the service.
 */
@Configuration(proxyBeanMethods = false)
class DepartmentConfiguration {

	@Bean
	Organisation organisation(DepartmentProperties properties, ResourceLoader resources) {
		return Organisation.load(resources.getResource(properties.location()));
	}

}
