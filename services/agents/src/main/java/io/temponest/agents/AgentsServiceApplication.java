package io.temponest.agents;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The agents service: agent runs on LLM providers, executions, costs and budgets. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AgentsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgentsServiceApplication.class, args);
	}

}
