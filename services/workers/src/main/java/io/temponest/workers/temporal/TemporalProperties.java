package io.temponest.workers.temporal;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Temporal server is and what this service's worker polls.
 *
 * @param address host and port of the Temporal frontend
 * @param namespace the namespace of the workflows
 * @param taskQueue the task queue the worker polls (clients in other languages start
 * workflows on it)
 * @param workerEnabled whether this instance runs a worker (the REST API works either
 * way)
 * @param devServer development only: when nothing answers at {@code address}, start
 * Temporal's Java test server on its port (no persistence, no time skipping) so that the
 * approval service can signal the same server
 */
@Validated
@ConfigurationProperties("temponest.workers.temporal")
public record TemporalProperties(@DefaultValue("127.0.0.1:7233") @NotBlank String address,
		@DefaultValue("default") @NotBlank String namespace,
		@DefaultValue("agentic-task-queue") @NotBlank String taskQueue, @DefaultValue("true") boolean workerEnabled,
		@DefaultValue("false") boolean devServer) {

}
