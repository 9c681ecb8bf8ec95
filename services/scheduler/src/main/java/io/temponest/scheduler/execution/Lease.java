package io.temponest.scheduler.execution;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The attempt that may write an execution's outcome: the instance holding the lease and
 * the attempt number it claimed.
 *
 * @param executionId the execution
 * @param owner the instance holding the lease
 * @param attempt the attempt number
 */
public record Lease(UUID executionId, String owner, int attempt) {

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
		return statement.param("id", this.executionId).param("owner", this.owner).param("attempt", this.attempt);
	}

}
