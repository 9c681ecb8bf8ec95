package io.temponest.workers.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/workflows/pipelines}.
 *
 * @param goal what the project should achieve, 1 to 5000 characters
 * @param context anything the agents should know, a JSON object
 * @param idempotencyKey repeating it in the tenant answers the first pipeline (1 to 200
 * printable characters); a fresh key when absent
 */
record StartPipelineRequest(@JsonProperty("goal") @NotBlank @Size(max = 5000) @Nullable String goal,
		@JsonProperty("context") @Nullable Map<String, Object> context,
		@JsonProperty("idempotency_key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7E]+",
				message = "must be printable ASCII without spaces") @Nullable String idempotencyKey) {

}
