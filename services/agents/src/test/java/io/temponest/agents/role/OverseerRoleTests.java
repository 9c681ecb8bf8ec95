package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The overseer's answers read into plan, recommendations and next steps. */
class OverseerRoleTests {

	@Test
	void parseWhenWellFormedThenPlanRecommendationsAndNextSteps() {
		String answer = """
				PLAN:
				- Task 1: Design the orders schema with a migration (Agent: Developer, Priority: 1)
				- Task 2: Write integration tests for the orders API (Agent: QA Tester, Priority: 2)
				- Task 3: Review authentication of the orders endpoints (Agent: security-auditor, Priority: 2)
				- Task 4: Deploy to staging behind a feature flag (Agent: DevOps, Priority: 3)
				RECOMMENDATIONS:
				Start with the schema [Citation 1]; keep the API versioned.
				NEXT_STEPS:
				1. Confirm the order states with the product owner
				2. Create the repository
				""";
		Map<String, Object> result = AgentRole.OVERSEER.parse(answer);
		assertThat(result).containsOnlyKeys("plan", "recommendations", "next_steps", "citations", "raw_output");
		assertThat(result.keySet()).containsExactly("plan", "recommendations", "next_steps", "citations", "raw_output");
		assertThat(result.get("plan"))
			.isEqualTo(List.of(task("Design the orders schema with a migration", "developer", 1),
					task("Write integration tests for the orders API", "qa-tester", 2),
					task("Review authentication of the orders endpoints", "security-auditor", 2),
					task("Deploy to staging behind a feature flag", "devops", 3)));
		assertThat(result.get("recommendations"))
			.isEqualTo("Start with the schema [Citation 1]; keep the API versioned.");
		assertThat(result.get("next_steps"))
			.isEqualTo(List.of("Confirm the order states with the product owner", "Create the repository"));
		assertThat(result.get("citations")).isEqualTo(List.of());
		assertThat(result.get("raw_output")).isEqualTo(answer);
	}

	@Test
	void parseWhenMarkdownHeadingsNumberedPlanAndProseAroundThenSameStructure() {
		String answer = """
				Sure! Here is a plan for your landing page.

				## Plan
				1. **Research the target users** — Agent: UX Researcher, Priority: high
				2. **Build the page** (Agent: developer; Priority 2)
				   - depends on task 1
				3. Decide on the launch date

				## Recommendations
				- Keep the first version small.
				- Measure sign-ups from day one.

				## Next steps
				* Book two user interviews
				* Draft the copy

				Let me know if you need anything else!
				""";
		Map<String, Object> result = AgentRole.OVERSEER.parse(answer);
		assertThat(result.get("plan")).isEqualTo(List.of(task("Research the target users", "ux-researcher", 1),
				task("Build the page depends on task 1", "developer", 2),
				task("Decide on the launch date", "overseer", 3)));
		assertThat(result.get("recommendations"))
			.isEqualTo("- Keep the first version small.\n- Measure sign-ups from day one.");
		assertThat(result.get("next_steps")).isEqualTo(List.of("Book two user interviews", "Draft the copy"));
	}

	@Test
	void parseWhenLowercaseLabelsAndBoldThenSections() {
		String answer = """
				**Plan:**
				* Task 1 - Set up high-priority alerts for checkout (agent: devops, priority: 1)
				* Task 2: Ask the finance team about refunds (Agent: Finance, Priority: 2)
				**Recommendations:** Automate the alerts.
				next steps:
				- Write the runbook
				""";
		Map<String, Object> result = AgentRole.OVERSEER.parse(answer);
		assertThat(result.get("plan")).isEqualTo(List.of(task("Set up high-priority alerts for checkout", "devops", 1),
				task("Ask the finance team about refunds", "overseer", 2)));
		assertThat(result.get("recommendations")).isEqualTo("Automate the alerts.");
		assertThat(result.get("next_steps")).isEqualTo(List.of("Write the runbook"));
	}

	@Test
	void parseWhenPlanLinesHaveNoListMarkersThenOneTaskPerLine() {
		String answer = "PLAN:\nTask 1: Sketch the screens (Agent: Designer, Priority: 2)\nTask 2: Build them\n";
		assertThat(AgentRole.OVERSEER.parse(answer).get("plan"))
			.isEqualTo(List.of(task("Sketch the screens", "designer", 2), task("Build them", "overseer", 2)));
	}

	@Test
	void parseWhenBulletsOutsidePlanThenOnlyPlanSectionCounts() {
		String answer = """
				Context:
				- the team is small
				PLAN:
				- Task 1: Write the API (Agent: Developer, Priority: 1)
				RECOMMENDATIONS:
				- Reuse the auth service
				""";
		assertThat(AgentRole.OVERSEER.parse(answer).get("plan"))
			.isEqualTo(List.of(task("Write the API", "developer", 1)));
	}

	@Test
	void parseWhenEmptyThenEmptyStructure() {
		Map<String, Object> result = AgentRole.OVERSEER.parse("");
		assertThat(result).isEqualTo(Map.of("plan", List.of(), "recommendations", "", "next_steps", List.of(),
				"citations", List.of(), "raw_output", ""));
	}

	@Test
	void parseWhenProseOnlyThenNoPlanAndRawOutputKept() {
		String answer = "I cannot plan this without knowing the budget. Please tell me more.";
		Map<String, Object> result = AgentRole.OVERSEER.parse(answer);
		assertThat(result.get("plan")).isEqualTo(List.of());
		assertThat(result.get("next_steps")).isEqualTo(List.of());
		assertThat(result.get("raw_output")).isEqualTo(answer);
	}

	@Test
	void parseWhenRetrievedCitationsThenTheyAreTheCitations() {
		Citation citation = new Citation("architecture.md", "1.0", 0.82, "Use one service per bounded context.");
		Map<String, Object> result = AgentRole.OVERSEER.parse("PLAN:\n- Task 1: x [Citation 9] other.md (v2)",
				List.of(citation));
		assertThat(result.get("citations")).isEqualTo(List.of(Map.of("source", "architecture.md", "version", "1.0",
				"score", 0.82, "content", "Use one service per bounded context.")));
	}

	static Map<String, Object> task(String task, String agent, int priority) {
		return Map.of("task", task, "agent", agent, "priority", priority);
	}

}
