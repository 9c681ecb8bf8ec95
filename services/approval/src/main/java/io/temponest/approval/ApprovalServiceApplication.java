package io.temponest.approval;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The approval service: approval requests, decisions, workflow signals and the approval
 * pages.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApprovalServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApprovalServiceApplication.class, args);
	}

}
