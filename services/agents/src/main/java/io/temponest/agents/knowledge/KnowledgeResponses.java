package io.temponest.agents.knowledge;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;

/**
 * Documents the answers of a forwarded knowledge operation besides its success: the
 * ingestion service's refusals, relayed as they came, and the knowledge base being
 * unavailable (503) or slow (504).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponses({ @ApiResponse(responseCode = "400", description = "Refused by the knowledge base (relayed unchanged)"),
		@ApiResponse(responseCode = "404",
				description = "No such collection or document in the caller's tenant (relayed unchanged)"),
		@ApiResponse(responseCode = "409", description = "Conflicts with the knowledge base (relayed unchanged)"),
		@ApiResponse(responseCode = "413", description = "Too large for the knowledge base (relayed unchanged)"),
		@ApiResponse(responseCode = "415", description = "Content type refused (relayed unchanged)"),
		@ApiResponse(responseCode = "422", description = "Invalid values (relayed unchanged, or ours for bad JSON)"),
		@ApiResponse(responseCode = "429", description = "Rate limited by the knowledge base (relayed unchanged)"),
		@ApiResponse(responseCode = "503",
				description = "The knowledge base is unreachable or failing (type ends knowledge-unavailable)"),
		@ApiResponse(responseCode = "504",
				description = "The knowledge base did not answer in time (type ends knowledge-unavailable)") })
@interface KnowledgeResponses {

}
