package io.temponest.agents.execution;

import java.util.List;

/**
 * A page of executions in the envelope style ({@code page}/{@code page_size}).
 *
 * @param executions the executions
 * @param total executions matching
 * @param page the page
 * @param pageSize the page size
 */
record ExecutionPage(List<AgentExecution> executions, long total, int page, int pageSize) {

}
