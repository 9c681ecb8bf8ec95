package io.temponest.scheduler.schedule;

import java.util.List;

/**
 * The original server's list envelope, answered when {@code page} or {@code page_size} is
 * given.
 *
 * @param tasks the schedules of the page
 * @param total how many match in all
 * @param page the 1-based page
 * @param pageSize the page size
 */
record SchedulePage(List<ScheduleResponse> tasks, long total, int page, int pageSize) {

}
