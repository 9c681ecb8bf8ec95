package io.temponest.agents.collaboration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The three ready-made sessions: a full-stack feature (sequential: build, design, test,
 * deploy), a security review (iterative: audit, fix, verify until done) and a parallel
 * analysis (four perspectives at once).
 */
final class Templates {

	static final List<Template> ALL = List.of(
			new Template("full-stack-feature", "Full-stack feature",
					"Build a feature end to end: backend and API, then the interface, then tests, then deployment; "
							+ "each agent sees the work before it.",
					CollaborationPattern.SEQUENTIAL, List.of("developer", "designer", "qa-tester", "devops"),
					List.of("Implement the backend and the API for this feature: %s",
							"Design the user interface and the user experience for this feature: %s",
							"Write a test plan and the automated tests for this feature: %s",
							"Plan the deployment and the monitoring of this feature: %s"),
					Map.of(), "The feature to build"),
			new Template("security-review", "Security review and remediation",
					"The security auditor reviews, the developer fixes, the QA tester verifies; in rounds until one "
							+ "of them declares the work done (at most three).",
					CollaborationPattern.ITERATIVE, List.of("security-auditor", "developer", "qa-tester"),
					List.of("Review the security of this code, report the findings of medium severity and above, "
							+ "and fix them: %s"),
					Map.of("review_type", "security", "severity_threshold", "medium"), "The code or system to review"),
			new Template("parallel-analysis", "Multi-perspective project analysis",
					"Four agents analyse a project at the same time, each from its own perspective; their findings "
							+ "are merged.",
					CollaborationPattern.PARALLEL, List.of("developer", "security-auditor", "designer", "devops"),
					List.of("Analyse this project from an engineering perspective (architecture, code, risks): %s",
							"Analyse this project from a security perspective (threats, weaknesses): %s",
							"Analyse this project from a design perspective (usability, accessibility): %s",
							"Analyse this project from an operations perspective (deployment, reliability, cost): %s"),
					Map.of(), "The project to analyse"));

	private Templates() {
	}

	static Optional<Template> of(String id) {
		return ALL.stream().filter((template) -> template.id().equals(id)).findFirst();
	}

	/**
	 * A template: its agents and one message per agent (or one goal for all), each with
	 * {@code %s} standing for the caller's input.
	 *
	 * @param id the template's id
	 * @param name its title
	 * @param description what it does
	 * @param pattern its pattern
	 * @param agents its agents
	 * @param messages one per agent, or a single goal
	 * @param context the context every step gets
	 * @param input what the caller's {@code input} is
	 */
	record Template(String id, String name, String description, CollaborationPattern pattern, List<String> agents,
			List<String> messages, Map<String, Object> context, String input) {

		SessionPlan plan(String text, @Nullable Map<String, Object> extra, CollaborationProperties properties) {
			Map<String, Object> context = new LinkedHashMap<>(this.context);
			if (extra != null) {
				context.putAll(extra);
			}
			List<String> filled = this.messages.stream().map((message) -> message.formatted(text)).toList();
			boolean perAgent = filled.size() == this.agents.size() && this.pattern != CollaborationPattern.ITERATIVE;
			int iterations = Math.min(3, properties.maxIterations());
			Map<String, Object> config = Map.of("template", this.id, "pass_full_history", true, "max_iterations",
					iterations);
			return new SessionPlan(this.pattern, this.name, this.agents, filled.get(0), perAgent ? filled : null, true,
					iterations, properties.maxParallelSteps(), config, context);
		}

	}

	/**
	 * A template as listed.
	 *
	 * @param id its id
	 * @param name its title
	 * @param description what it does
	 * @param pattern its pattern
	 * @param agents its agents
	 * @param input what the caller's {@code input} is
	 */
	record TemplateView(String id, String name, String description, String pattern, List<String> agents, String input) {

		static TemplateView of(Template template) {
			return new TemplateView(template.id(), template.name(), template.description(), template.pattern().id(),
					template.agents(), template.input());
		}

	}

}
