package io.temponest.agents.project;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A project with its run counters (kept with every run write, never counted on request).
 *
 * @param id the project's id
 * @param slug its name in paths, unique in the tenant
 * @param name its display name
 * @param description what it is about
 * @param type single or portfolio
 * @param status its kanban column: idle, research, build, qa, deploy or live
 * @param repoUrl its repository, if connected
 * @param runsTotal how many runs it has
 * @param runsSucceeded how many of them succeeded
 * @param runsFailed how many of them failed
 * @param successRate succeeded runs in percent of all runs, rounded (0 without runs)
 * @param createdAt when it was created
 * @param updatedAt when it or one of its runs last changed
 */
record ProjectView(UUID id, String slug, String name, @Nullable String description, String type, String status,
		@Nullable String repoUrl, long runsTotal, long runsSucceeded, long runsFailed, long successRate,
		Instant createdAt, Instant updatedAt) {

	static long successRate(long succeeded, long total) {
		return (total > 0) ? Math.round(succeeded * 100.0 / total) : 0;
	}

}
