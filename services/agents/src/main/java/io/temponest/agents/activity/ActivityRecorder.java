package io.temponest.agents.activity;

import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import io.temponest.agents.project.ProjectActivity;
import io.temponest.agents.project.ProjectActivity.ProjectChanged;
import io.temponest.agents.project.ProjectActivity.RunChanged;
import io.temponest.agents.run.ExecutionFinished;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records this service's changes in the activity log, synchronously in the transaction
 * that publishes them: project and run changes of the console's projects, and finished
 * agent executions.
 */
@Component
class ActivityRecorder {

	/** Longest error quoted in a failed execution's message. */
	private static final int MAX_ERROR = 500;

	private final ActivityLog log;

	ActivityRecorder(ActivityLog log) {
		this.log = log;
	}

	@EventListener
	void on(ProjectActivity activity) {
		switch (activity) {
			case ProjectChanged project -> this.log.record(project(project));
			case RunChanged run -> this.log.record(run(run));
		}
	}

	@EventListener
	void on(ExecutionFinished execution) {
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		details.put("execution_id", execution.executionId().toString());
		details.put("provider", execution.provider());
		details.put("model", execution.model());
		details.put("total_tokens", execution.totalTokens());
		details.put("cost_usd", execution.costUsd());
		details.put("latency_ms", execution.latencyMillis());
		putIfPresent(details, "project", execution.projectId());
		putIfPresent(details, "workflow_id", execution.workflowId());
		putIfPresent(details, "error", execution.error());
		String message;
		if (execution.succeeded()) {
			message = execution.agentName() + " completed in " + execution.latencyMillis() + " ms ("
					+ execution.provider() + "/" + execution.model() + ", " + execution.totalTokens() + " tokens, $"
					+ execution.costUsd().setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + ")";
		}
		else {
			String error = (execution.error() != null) ? execution.error() : "unknown error";
			message = execution.agentName() + " failed: "
					+ ((error.length() > MAX_ERROR) ? error.substring(0, MAX_ERROR) + "…" : error);
		}
		this.log.record(new ActivityEntry(null, execution.tenantId(), execution.userId(), null,
				ActivityEntry.AGENTS_SERVICE, execution.succeeded() ? "execution.completed" : "execution.failed",
				execution.succeeded() ? "success" : "error", execution.agentName(), "execution",
				execution.executionId().toString(), message, details));
	}

	private static ActivityEntry project(ProjectChanged project) {
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		details.put("project", project.slug());
		details.put("project_id", project.projectId().toString());
		details.put("from", project.previousStatus());
		details.put("to", project.status());
		boolean created = project.previousStatus() == null;
		String message = created ? "Project " + project.name() + " created"
				: "Project " + project.name() + " moved from " + project.previousStatus() + " to " + project.status();
		return new ActivityEntry(null, project.tenantId(), project.userId(), null, ActivityEntry.AGENTS_SERVICE,
				created ? "project.created" : "project.moved", "info", null, "project", project.slug(), message,
				details);
	}

	private static ActivityEntry run(RunChanged run) {
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		details.put("project", run.slug());
		details.put("project_id", run.projectId().toString());
		details.put("run_id", run.runId().toString());
		details.put("step", run.step());
		details.put("from", run.previousStatus());
		details.put("to", run.status());
		Outcome outcome = Outcome.of(run.status());
		String message = "Run " + run.step() + " of " + run.slug() + " " + outcome.verb();
		return new ActivityEntry(null, run.tenantId(), run.userId(), null, ActivityEntry.AGENTS_SERVICE,
				outcome.action(), outcome.level(), AgentNames.ofStep(run.step()), "run", run.runId().toString(),
				message, details);
	}

	private static void putIfPresent(Map<String, @Nullable Object> details, String key, @Nullable Object value) {
		if (value != null) {
			details.put(key, value);
		}
	}

	/**
	 * What a run's new status means in the log.
	 *
	 * @param action the row's action
	 * @param level the row's level
	 * @param verb how the message says it
	 */
	private record Outcome(String action, String level, String verb) {

		static Outcome of(String status) {
			return switch (status) {
				case "running" -> new Outcome("run.started", "info", "started");
				case "success" -> new Outcome("run.succeeded", "success", "succeeded");
				case "failed" -> new Outcome("run.failed", "error", "failed");
				case "cancelled" -> new Outcome("run.cancelled", "warn", "was cancelled");
				default -> new Outcome("run.created", "info", "created");
			};
		}

	}

}
