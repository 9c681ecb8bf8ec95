package io.temponest.workers.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A page of the tenant's pipelines, newest first.
 *
 * @param workflows the pipelines
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last
 */
record WorkflowPage(@JsonProperty("workflows") List<WorkflowSummary> workflows,
		@JsonProperty("next_cursor") @Nullable String nextCursor) {

}
