package io.temponest.agents.project;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a project or one of its runs, published inside the
 * transaction of the change: listeners that write in that transaction commit or roll back
 * with it, and after-commit listeners see only what was committed.
 */
public sealed interface ProjectActivity {

	/**
	 * The tenant the change happened in.
	 * @return the tenant
	 */
	UUID tenantId();

	/**
	 * The user who made the change, if any.
	 * @return the user
	 */
	@Nullable UUID userId();

	/**
	 * The project.
	 * @return its id
	 */
	UUID projectId();

	/**
	 * The project's slug.
	 * @return the slug
	 */
	String slug();

	/**
	 * A project was created or moved to another kanban column.
	 *
	 * @param tenantId the tenant
	 * @param userId the acting user, if any
	 * @param projectId the project
	 * @param slug its slug
	 * @param name its name
	 * @param previousStatus its column before, or {@code null} when it was created
	 * @param status its column now
	 */
	record ProjectChanged(UUID tenantId, @Nullable UUID userId, UUID projectId, String slug, String name,
			@Nullable String previousStatus, String status) implements ProjectActivity {

	}

	/**
	 * A run was created or its status changed.
	 *
	 * @param tenantId the tenant
	 * @param userId the acting user, if any
	 * @param projectId the run's project
	 * @param slug the project's slug
	 * @param runId the run
	 * @param step the step or agent it runs
	 * @param previousStatus its status before, or {@code null} when it was created
	 * @param status its status now
	 */
	record RunChanged(UUID tenantId, @Nullable UUID userId, UUID projectId, String slug, UUID runId, String step,
			@Nullable String previousStatus, String status) implements ProjectActivity {

	}

}
