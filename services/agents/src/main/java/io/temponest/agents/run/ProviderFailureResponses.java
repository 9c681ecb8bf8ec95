package io.temponest.agents.run;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;

/**
 * Documents the answers of an endpoint that calls an LLM provider besides its success:
 * the budget refusal (402) and the provider's failures (502, 503, 504), whose problem
 * body carries the run's {@code status}, {@code error} and {@code task_id}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponses({
		@ApiResponse(responseCode = "402",
				description = "The tenant's spending budget is used up (type ends budget-exceeded); nothing was sent "
						+ "to the provider"),
		@ApiResponse(responseCode = "502",
				description = "The provider answered with an error or unreadably (status failed, error, task_id)",
				content = @Content(mediaType = "application/problem+json",
						schema = @Schema(implementation = RunFailureBody.class))),
		@ApiResponse(responseCode = "503",
				description = "The provider could not be reached or stayed overloaded (status failed, error, task_id)",
				content = @Content(mediaType = "application/problem+json",
						schema = @Schema(implementation = RunFailureBody.class))),
		@ApiResponse(responseCode = "504",
				description = "The provider did not answer in time (status failed, error, task_id)",
				content = @Content(mediaType = "application/problem+json",
						schema = @Schema(implementation = RunFailureBody.class))) })
public @interface ProviderFailureResponses {

}
