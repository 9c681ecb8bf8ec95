package io.temponest.agents.activity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of the log viewer, newest first.
 *
 * @param logs the page's rows
 * @param total how many rows match the filters, counted up to
 * {@value LogQueries#COUNT_CAP}
 * @param totalCapped whether more rows match than {@code total} says
 * @param nextCursor the cursor of the next page, {@code null} on the last one
 * @param limit the page size
 */
record LogPage(List<LogEntry> logs, long total, boolean totalCapped, @Nullable String nextCursor, int limit) {

}
