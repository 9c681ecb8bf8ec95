package io.temponest.agents.project;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A project moved to another kanban column.
 *
 * @param status idle, research, build, qa, deploy or live
 */
record ProjectPatch(@NotNull @Pattern(regexp = ProjectPatch.STATUSES,
		message = "must be idle, research, build, qa, deploy or live") String status) {

	/** The kanban columns. */
	static final String STATUSES = "idle|research|build|qa|deploy|live";

}
