package io.temponest.agents.role;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The seven built-in agent roles: their path slug, sampling settings and token budgets,
 * and the prompt and parser of each. {@link #prompt} and {@link #parse} are what a run
 * calls around the LLM.
 */
public enum AgentRole {

	/** Breaks a goal into tasks and routes them. */
	OVERSEER("overseer", null, "Overseer",
			"Breaks a goal into ordered tasks and assigns each to the best-suited agent.", 0.2, false,
			new OverseerScript()),

	/** Writes code with tests and migrations. */
	DEVELOPER("developer", "developer", "Developer",
			"Writes production-ready code with tests, migrations and setup instructions.", 0.2, false,
			new DeveloperScript()),

	/** Writes test plans and test suites. */
	QA_TESTER("qa-tester", "qa_tester", "QA Tester",
			"Writes test plans and automated test suites with a coverage analysis.", 0.2, true, new QaTesterScript()),

	/** Writes infrastructure code and deployment steps. */
	DEVOPS("devops", "devops", "DevOps Engineer",
			"Writes infrastructure as code, CI/CD pipelines and deployment steps.", 0.2, true, new DevOpsScript()),

	/** Designs UI components, tokens and accessible layouts. */
	DESIGNER("designer", "designer", "Designer",
			"Designs UI components, colour palettes, design tokens and accessible layouts.", 0.3, true,
			new DesignerScript()),

	/** Audits for vulnerabilities. */
	SECURITY_AUDITOR("security-auditor", "security_auditor", "Security Auditor",
			"Audits designs and code for vulnerabilities and reports findings by severity.", 0.1, true,
			new SecurityAuditorScript()),

	/** Researches users. */
	UX_RESEARCHER("ux-researcher", "ux_researcher", "UX Researcher",
			"Builds personas, journey maps and research insights with recommendations.", 0.4, true,
			new UxResearcherScript());

	/**
	 * Answers longer than this are parsed only up to here (they still appear whole in
	 * {@code raw_output}).
	 */
	static final int MAX_PARSED_CHARS = 200_000;

	private static final int ANSWER_TOKENS = 2048;

	private static final int TASK_TOKENS = 8000;

	private final String slug;

	private final @Nullable String modelInfoKey;

	private final String displayName;

	private final String description;

	private final double temperature;

	private final boolean longForm;

	private final RoleScript script;

	private final UUID id;

	AgentRole(String slug, @Nullable String modelInfoKey, String displayName, String description, double temperature,
			boolean longForm, RoleScript script) {
		this.slug = slug;
		this.modelInfoKey = modelInfoKey;
		this.displayName = displayName;
		this.description = description;
		this.temperature = temperature;
		this.longForm = longForm;
		this.script = script;
		this.id = UUID.nameUUIDFromBytes(("temponest:role:" + slug).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The role's path segment ({@code POST /<slug>/run}).
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * The value of {@code model_info.agent} in a run's response; the overseer has none.
	 * @return the key, if any
	 */
	public Optional<String> modelInfoKey() {
		return Optional.ofNullable(this.modelInfoKey);
	}

	/**
	 * The name the role is listed under as a built-in agent.
	 * @return the name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * One line on what the role does.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * The sampling temperature.
	 * @return the temperature
	 */
	public double temperature() {
		return this.temperature;
	}

	/**
	 * The most tokens an answer may have: twice as many for the roles that write long
	 * documents.
	 * @return 2048 or 4096
	 */
	public int maxAnswerTokens() {
		return this.longForm ? 2 * ANSWER_TOKENS : ANSWER_TOKENS;
	}

	/**
	 * The most tokens a task may have before the run is refused.
	 * @return 8000 or 16000
	 */
	public int taskTokenBudget() {
		return this.longForm ? 2 * TASK_TOKENS : TASK_TOKENS;
	}

	/**
	 * The fixed id of the role as a built-in agent: a name-based UUID of
	 * {@code temponest:role:<slug>}.
	 * @return the id
	 */
	public UUID id() {
		return this.id;
	}

	/**
	 * The role of a slug.
	 * @param slug the slug, exactly as in the path
	 * @return the role, if any
	 */
	public static Optional<AgentRole> ofSlug(@Nullable String slug) {
		for (AgentRole role : values()) {
			if (role.slug.equals(slug)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

	/**
	 * The role of a built-in agent id.
	 * @param id the id
	 * @return the role, if any
	 */
	public static Optional<AgentRole> ofId(@Nullable UUID id) {
		for (AgentRole role : values()) {
			if (role.id.equals(id)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

	/**
	 * The prompt for a task, without knowledge-base excerpts.
	 * @param task the task
	 * @param context the request's context ({@code null} or empty when none)
	 * @return the prompt
	 */
	public RolePrompt prompt(String task, @Nullable Map<String, ?> context) {
		return prompt(task, context, List.of());
	}

	/**
	 * The prompt for a task, grounded in knowledge-base excerpts.
	 * @param task the task
	 * @param context the request's context ({@code null} or empty when none)
	 * @param citations the excerpts retrieved for the task, possibly empty
	 * @return the prompt
	 */
	public RolePrompt prompt(String task, @Nullable Map<String, ?> context, List<Citation> citations) {
		return new RolePrompt(this.script.system(), PromptWriter.user(task, context, citations));
	}

	/**
	 * Read an answer into the role's result, for a run without knowledge-base excerpts.
	 * @param answer the answer text ({@code null} reads as empty)
	 * @return the result
	 * @see #parse(String, List)
	 */
	public Map<String, Object> parse(@Nullable String answer) {
		return parse(answer, List.of());
	}

	/**
	 * Read an answer into the role's result: a mutable map of JSON values in a stable key
	 * order holding every key of the role, then {@code citations} and {@code raw_output}
	 * (the answer as received). Never throws.
	 * @param answer the answer text ({@code null} reads as empty)
	 * @param retrieved the excerpts the prompt showed
	 * @return the result
	 */
	public Map<String, Object> parse(@Nullable String answer, List<Citation> retrieved) {
		String text = (answer != null) ? answer : "";
		String parsed = (text.length() > MAX_PARSED_CHARS) ? text.substring(0, MAX_PARSED_CHARS) : text;
		Map<String, Object> result;
		try {
			result = this.script.parse(parsed, retrieved);
		}
		catch (RuntimeException ex) {
			// A parser bug must not fail the run: the answer is still returned whole.
			result = this.script.parse("", retrieved);
		}
		Map<String, Object> complete = new LinkedHashMap<>(result);
		complete.put("raw_output", text);
		return complete;
	}

}
