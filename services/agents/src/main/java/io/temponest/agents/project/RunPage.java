package io.temponest.agents.project;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of a project's runs, newest first.
 *
 * @param runs the page's runs
 * @param nextCursor the cursor of the next page, {@code null} on the last one
 * @param limit the page size
 * @param page the 1-based page when paged by offset, else {@code null}
 * @param total how many runs the project has
 */
record RunPage(List<RunView> runs, @Nullable String nextCursor, int limit, @Nullable Integer page, long total) {

}
