package io.temponest.scheduler.execution;

import java.util.List;

/**
 * The original server's executions envelope, answered when {@code page} or
 * {@code page_size} is given.
 *
 * @param executions the executions of the page, newest first
 * @param total how many match in all
 * @param page the 1-based page
 * @param pageSize the page size
 */
record ExecutionPage(List<ExecutionResponse> executions, long total, int page, int pageSize) {

}
