package io.temponest.agents.agent;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /agents/{id}/execute}.
 *
 * @param userMessage the message to the agent, 1 to 5000 characters
 * @param context anything the agent should know
 * @param stream whether to answer as a server-sent event stream
 */
record ExecuteRequest(@NotBlank @Size(max = 5000) @Nullable String userMessage, @Nullable Map<String, Object> context,
		@Nullable Boolean stream) {

	ExecuteRequest {
		userMessage = (userMessage != null) ? userMessage.strip() : null;
	}

}
