package io.temponest.agents.project;

import java.util.UUID;

/**
 * A run's log.
 *
 * @param runId the run
 * @param status its status
 * @param logs its log text (empty when nothing was logged)
 */
record RunLogs(UUID runId, String status, String logs) {

}
