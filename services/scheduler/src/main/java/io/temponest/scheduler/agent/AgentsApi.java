package io.temponest.scheduler.agent;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The run endpoint of the agents service. Its path is configurable
 * ({@link AgentsProperties#runPath()}): {@link #RUN_PATH} is resolved when the client is
 * built.
 */
@HttpExchange(contentType = MediaType.APPLICATION_JSON_VALUE, accept = MediaType.APPLICATION_JSON_VALUE)
interface AgentsApi {

	/** Placeholder replaced with the configured run path. */
	String RUN_PATH = "${temponest.scheduler.agents.run-path}";

	/**
	 * Run an agent task and wait for its result.
	 * @param agent the agent
	 * @param tenantId the tenant
	 * @param userId the user
	 * @param requestId the correlation id
	 * @param request the task
	 * @return the agent's answer; {@code null} when the body is empty
	 */
	@PostExchange(RUN_PATH)
	@Nullable AgentResponse run(@PathVariable("agent") String agent, @RequestHeader("X-Tenant-ID") String tenantId,
			@RequestHeader("X-User-ID") String userId, @RequestHeader("X-Request-ID") String requestId,
			@RequestBody AgentRunRequest request);

}
