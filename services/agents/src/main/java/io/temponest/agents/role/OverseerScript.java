package io.temponest.agents.role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The overseer: a plan of tasks, each assigned to a role with a priority, then
 * recommendations and next steps. Result: {@code plan} [{task, agent, priority}],
 * {@code recommendations} (the section's text), {@code next_steps} [text],
 * {@code citations} (the retrieved ones).
 */
final class OverseerScript implements RoleScript {

	private static final Map<String, String> SECTIONS = Map.of("plan", "plan", "task plan", "plan", "tasks", "plan",
			"recommendations", "recommendations", "recommendation", "recommendations", "next steps", "next_steps",
			"next step", "next_steps");

	private static final Pattern AGENT = Pattern
		.compile("(?i)\\b(?:agent|assignee|assigned to|owner)\\s*[:=]\\s*([^,;|()\\[\\]]{1,40})");

	private static final Pattern PRIORITY = Pattern
		.compile("(?i)\\bpriority\\s*[:=]?\\s*(\\d{1,2}|high|medium|low)\\b");

	private static final Pattern METADATA_GROUP = Pattern
		.compile("(?i)\\s*[(\\[][^()\\[\\]]{0,200}\\b(?:agent|priority|assignee)\\b[^()\\[\\]]{0,200}[)\\]]");

	private static final Pattern METADATA = Pattern.compile(
			"(?i)[\\s,;|—–-]*\\b(?:citations?\\s*[:=]\\s*\\[[^\\]]{0,100}\\]|(?:agent|assignee|assigned to|owner|priority)\\s*[:=]\\s*[^,;|]{0,40})");

	private static final Pattern TASK_PREFIX = Pattern.compile("(?i)^(?:task|step)\\s*\\d{0,3}\\s*[:.)\\-–—]\\s*");

	private static final String SYSTEM = """
			You are the Overseer, the coordinator of a team of AI agents. You turn a goal into a short, ordered \
			plan and give each task to the agent best suited to do it.

			The agents you can assign:
			- developer: application code, APIs, database schemas and migrations
			- qa-tester: test plans and automated tests
			- devops: infrastructure, CI/CD pipelines, deployment
			- designer: UI design, components, design tokens, accessibility
			- security-auditor: security reviews and vulnerability findings
			- ux-researcher: personas, user journeys, research insights
			- overseer: decisions, coordination and anything the others cannot do

			Rules:
			- Plan 3 to 5 concrete tasks in the order they should be done; mention in a task when it depends on an \
			earlier one.
			- Priority 1 is the most urgent.
			- Keep recommendations practical; when knowledge-base excerpts are given, base them on the excerpts and \
			cite them as [Citation N].

			Answer in exactly this format, with nothing before or after it:

			PLAN:
			- Task 1: <what to do> (Agent: <agent>, Priority: <number>)
			- Task 2: <what to do> (Agent: <agent>, Priority: <number>)
			RECOMMENDATIONS:
			<a few sentences or bullet points>
			NEXT_STEPS:
			1. <first concrete step>
			2. <second concrete step>
			""";

	@Override
	public String system() {
		return SYSTEM;
	}

	@Override
	public Map<String, Object> parse(String answer, List<Citation> retrieved) {
		Map<String, String> sections = Markdown.sections(answer, SECTIONS);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("plan", plan(sections.getOrDefault("plan", "")));
		result.put("recommendations", sections.getOrDefault("recommendations", ""));
		result.put("next_steps", Markdown.items(sections.getOrDefault("next_steps", "")));
		result.put("citations", Citations.retrieved(retrieved));
		return result;
	}

	private static List<Map<String, Object>> plan(String section) {
		List<Map<String, Object>> plan = new ArrayList<>();
		for (String item : Markdown.items(section)) {
			String task = METADATA_GROUP.matcher(item).replaceAll("");
			task = METADATA.matcher(task).replaceAll("");
			task = TASK_PREFIX.matcher(task.strip()).replaceFirst("").replaceAll("[\\s,;:|—–-]+$", "").strip();
			if (task.isEmpty()) {
				continue;
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("task", task);
			entry.put("agent", agent(item));
			entry.put("priority", priority(item, plan.size() + 1));
			plan.add(entry);
		}
		return plan;
	}

	/** The slug of the named role; unknown or missing names stay with the overseer. */
	private static String agent(String item) {
		Matcher agent = AGENT.matcher(item);
		if (!agent.find()) {
			return AgentRole.OVERSEER.slug();
		}
		String name = letters(agent.group(1));
		for (AgentRole role : AgentRole.values()) {
			if (name.startsWith(letters(role.slug())) || name.startsWith(letters(role.displayName()))) {
				return role.slug();
			}
		}
		return name.startsWith("qa") || name.startsWith("tester") ? AgentRole.QA_TESTER.slug()
				: name.startsWith("security") ? AgentRole.SECURITY_AUDITOR.slug()
						: name.startsWith("ux") ? AgentRole.UX_RESEARCHER.slug() : AgentRole.OVERSEER.slug();
	}

	/** The stated priority (high 1, medium 2, low 3), else the task's position. */
	private static int priority(String item, int position) {
		Matcher priority = PRIORITY.matcher(item);
		if (!priority.find()) {
			return position;
		}
		return switch (priority.group(1).toLowerCase(Locale.ROOT)) {
			case "high" -> 1;
			case "medium" -> 2;
			case "low" -> 3;
			default -> Integer.parseInt(priority.group(1));
		};
	}

	private static String letters(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
	}

}
