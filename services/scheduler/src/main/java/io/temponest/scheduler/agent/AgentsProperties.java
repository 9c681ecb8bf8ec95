package io.temponest.scheduler.agent;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the scheduler reaches the agents service. Each run is sent with an access
 * token of the schedule's creator, obtained by token exchange (shared-auth's service
 * client, {@code platform.security.service-client.*}).
 *
 * @param baseUrl base URL of the agents service
 * @param runPath path of the run endpoint under the base URL, a URI template with the
 * {@code {agent}} variable: {@code /{agent}/run} (agents service) or
 * {@code /agents/{agent}/execute} (the original scheduler's contract)
 * @param connectTimeout how long to wait for a connection (the read timeout is the run's
 * own timeout)
 */
@Validated
@ConfigurationProperties("temponest.scheduler.agents")
public record AgentsProperties(@DefaultValue("http://localhost:9000") @NotNull URI baseUrl,
		@DefaultValue("/{agent}/run") @NotNull @Pattern(regexp = ".*\\{agent}.*") String runPath,
		@DefaultValue("2s") @NotNull Duration connectTimeout) {

}
