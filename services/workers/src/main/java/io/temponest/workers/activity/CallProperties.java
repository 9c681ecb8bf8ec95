package io.temponest.workers.activity;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the activities reach the agents and approval services. Every call acts for the user
 * who started the workflow, with a token exchanged when the activity runs (shared-auth's
 * service client, {@code platform.security.service-client.*}).
 *
 * @param agentsUrl base URL of the agents service ({@code POST /<role>/run})
 * @param approvalUrl base URL of the approval service ({@code POST /api/approvals})
 * @param connectTimeout how long to wait for a connection
 * @param heartbeatInterval how often a waiting agent call heartbeats (well below the
 * activities' 1-minute heartbeat timeout)
 * @param minCitations how many citations a developer's output needs to pass validation
 */
@Validated
@ConfigurationProperties("temponest.workers.calls")
public record CallProperties(@DefaultValue("http://localhost:9000") @NotNull URI agentsUrl,
		@DefaultValue("http://localhost:9001") @NotNull URI approvalUrl,
		@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration heartbeatInterval,
		@DefaultValue("2") @Min(0) int minCitations) {

}
