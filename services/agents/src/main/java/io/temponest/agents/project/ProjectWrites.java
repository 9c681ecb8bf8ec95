package io.temponest.agents.project;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

import io.temponest.agents.project.ProjectActivity.ProjectChanged;
import io.temponest.agents.project.ProjectActivity.RunChanged;
import io.temponest.security.AuthPrincipal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The writes of projects and runs, each in one transaction of the caller's tenant; a run
 * write changes its project's counters in the same transaction, and every change of a
 * project's column or a run's status is published as a {@link ProjectActivity} inside it.
 */
@Service
@Transactional
class ProjectWrites {

	private static final String RETURNING_PROJECT = " RETURNING " + ProjectQueries.PROJECT_COLUMNS;

	private final JdbcClient jdbc;

	private final ProjectQueries queries;

	private final ApplicationEventPublisher events;

	ProjectWrites(JdbcClient jdbc, ProjectQueries queries, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.events = events;
	}

	ProjectView create(AuthPrincipal caller, ProjectRequest request) {
		String slug = (request.slug() != null) ? request.slug() : Slugs.of(request.name());
		if (slug.isEmpty()) {
			throw new ProjectProblems.InvalidSlugException("slug cannot be made of the name; give one");
		}
		if (Slugs.RESERVED.equals(slug)) {
			throw new ProjectProblems.InvalidSlugException("slug " + Slugs.RESERVED + " is reserved");
		}
		List<ProjectView> created = this.jdbc.sql("""
				INSERT INTO agents.projects (tenant_id, slug, name, description, type, repo_url)
				VALUES (:tenant, :slug, :name, :description, :type, :repoUrl)
				ON CONFLICT (tenant_id, slug) DO NOTHING""" + RETURNING_PROJECT)
			.param("tenant", caller.tenantUuid())
			.param("slug", slug)
			.param("name", request.name().strip())
			.param("description", request.description(), Types.VARCHAR)
			.param("type", (request.type() != null) ? request.type() : "single")
			.param("repoUrl", request.repoUrl(), Types.VARCHAR)
			.query((rs, row) -> ProjectQueries.project(rs))
			.list();
		if (created.isEmpty()) {
			throw new ProjectProblems.SlugTakenException();
		}
		ProjectView project = created.get(0);
		this.events.publishEvent(new ProjectChanged(caller.tenantUuid(), caller.userUuid().orElse(null), project.id(),
				project.slug(), project.name(), null, project.status()));
		return project;
	}

	ProjectView move(AuthPrincipal caller, String slug, ProjectPatch patch) {
		Moved moved = this.jdbc
			.sql("""
					WITH old AS (SELECT id AS old_id, status AS old_status FROM agents.projects WHERE slug = :slug FOR UPDATE)
					UPDATE agents.projects SET status = :status FROM old WHERE id = old.old_id
					RETURNING old.old_status,"""
					+ " " + ProjectQueries.PROJECT_COLUMNS)
			.param("status", patch.status())
			.param("slug", slug)
			.query((rs, row) -> new Moved(ProjectQueries.project(rs), rs.getString("old_status")))
			.optional()
			.orElseThrow(ProjectProblems.ProjectNotFoundException::new);
		ProjectView project = moved.project();
		if (!project.status().equals(moved.previousStatus())) {
			this.events.publishEvent(new ProjectChanged(caller.tenantUuid(), caller.userUuid().orElse(null),
					project.id(), project.slug(), project.name(), moved.previousStatus(), project.status()));
		}
		return project;
	}

	RunView createRun(AuthPrincipal caller, String slug, RunRequest request) {
		String status = (request.status() != null) ? request.status() : "pending";
		UUID project = this.jdbc.sql("""
				UPDATE agents.projects SET runs_total = runs_total + 1, runs_succeeded = runs_succeeded + :succeeded,
					runs_failed = runs_failed + :failed
				WHERE slug = :slug RETURNING id""")
			.param("succeeded", RunStatus.succeeded(status))
			.param("failed", RunStatus.failed(status))
			.param("slug", slug)
			.query(UUID.class)
			.optional()
			.orElseThrow(ProjectProblems.ProjectNotFoundException::new);
		RunView run = this.jdbc.sql("""
				INSERT INTO agents.project_runs AS r (tenant_id, project_id, kind, step, status, cost_usd, logs,
					started_at, finished_at)
				VALUES (:tenant, :project, :kind, :step, :status, :cost, :logs,
					CASE WHEN :started THEN now() END, CASE WHEN :finished THEN now() END)
				RETURNING""" + " " + ProjectQueries.RUN_COLUMNS)
			.param("tenant", caller.tenantUuid())
			.param("project", project)
			.param("kind", (request.kind() != null) ? request.kind() : "build")
			.param("step", request.step().strip())
			.param("status", status)
			.param("cost", (request.costUsd() != null) ? request.costUsd() : BigDecimal.ZERO)
			.param("logs", request.logs(), Types.VARCHAR)
			.param("started", RunStatus.started(status))
			.param("finished", RunStatus.finished(status))
			.query((rs, row) -> ProjectQueries.run(rs, List.of()))
			.single();
		this.events.publishEvent(new RunChanged(caller.tenantUuid(), caller.userUuid().orElse(null), project, slug,
				run.id(), run.step(), null, run.status()));
		return run;
	}

	RunView updateRun(AuthPrincipal caller, String slug, UUID id, RunPatch patch) {
		Locked locked = this.jdbc.sql("""
				SELECT r.project_id, r.status FROM agents.project_runs r JOIN agents.projects p ON p.id = r.project_id
				WHERE p.slug = :slug AND r.id = :id FOR UPDATE OF r""")
			.param("slug", slug)
			.param("id", id)
			.query((rs, row) -> new Locked(rs.getObject("project_id", UUID.class), rs.getString("status")))
			.optional()
			.orElseThrow(ProjectProblems.RunNotFoundException::new);
		String status = (patch.status() != null) ? patch.status() : locked.status();
		if (RunStatus.finished(locked.status()) && !status.equals(locked.status())) {
			throw new ProjectProblems.RunFinishedException(locked.status());
		}
		RunView run = this.jdbc.sql("""
				UPDATE agents.project_runs r SET status = :status,
					logs = CASE WHEN :replaceLogs THEN CAST(:logs AS text) ELSE logs END,
					cost_usd = COALESCE(CAST(:cost AS numeric), cost_usd),
					started_at = CASE WHEN :started THEN COALESCE(started_at, now()) ELSE started_at END,
					finished_at = CASE WHEN :finished THEN COALESCE(finished_at, now()) ELSE finished_at END
				WHERE r.id = :id
				RETURNING""" + " " + ProjectQueries.RUN_COLUMNS + ", " + ProjectQueries.APPROVALS)
			.param("status", status)
			.param("replaceLogs", patch.logs() != null)
			.param("logs", patch.logs(), Types.VARCHAR)
			.param("cost", patch.costUsd(), Types.NUMERIC)
			.param("started", RunStatus.started(status))
			.param("finished", RunStatus.finished(status))
			.param("id", id)
			.query((rs, row) -> this.queries.run(rs))
			.single();
		if (!status.equals(locked.status())) {
			this.jdbc.sql("""
					UPDATE agents.projects SET runs_succeeded = runs_succeeded + :succeeded,
						runs_failed = runs_failed + :failed WHERE id = :project""")
				.param("succeeded", RunStatus.succeeded(status) - RunStatus.succeeded(locked.status()))
				.param("failed", RunStatus.failed(status) - RunStatus.failed(locked.status()))
				.param("project", locked.project())
				.update();
			this.events.publishEvent(new RunChanged(caller.tenantUuid(), caller.userUuid().orElse(null),
					locked.project(), slug, id, run.step(), locked.status(), status));
		}
		return run;
	}

	/** A run locked for its change, with its project and status before it. */
	private record Locked(UUID project, String status) {

	}

	/** A project moved, with its column before the move. */
	private record Moved(ProjectView project, String previousStatus) {

	}

}
