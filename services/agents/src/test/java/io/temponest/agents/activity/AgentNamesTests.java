package io.temponest.agents.activity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AgentNames} and the console's duration format of {@link MetricsQueries}: the
 * role a step names (first word of the list, any case, at the start of a word).
 */
class AgentNamesTests {

	@Test
	void ofStepWhenStepNamesARoleThenItsSlug() {
		assertThat(AgentNames.ofStep("Developer: build the API")).isEqualTo("developer");
		assertThat(AgentNames.ofStep("qa-tester smoke")).isEqualTo("qa-tester");
		assertThat(AgentNames.ofStep("Run QA")).isEqualTo("qa-tester");
		assertThat(AgentNames.ofStep("DEVOPS deploy")).isEqualTo("devops");
		assertThat(AgentNames.ofStep("designer mockups")).isEqualTo("designer");
		assertThat(AgentNames.ofStep("Security audit")).isEqualTo("security-auditor");
		assertThat(AgentNames.ofStep("overseer plan")).isEqualTo("overseer");
		assertThat(AgentNames.ofStep("UX research")).isEqualTo("ux-researcher");
		assertThat(AgentNames.ofStep("Developer and QA")).isEqualTo("developer");
	}

	@Test
	void ofStepWhenNoRoleWordThenNone() {
		assertThat(AgentNames.ofStep("build")).isNull();
		assertThat(AgentNames.ofStep("linux kernel aqua")).isNull();
		assertThat(AgentNames.SQL_CASE).startsWith("CASE WHEN step ~* '\\mdeveloper' THEN 'developer'")
			.endsWith("ELSE 'Other' END");
	}

	@Test
	void formattedWhenSecondsThenConsoleFormat() {
		assertThat(MetricsQueries.formatted(0)).isEqualTo("0s");
		assertThat(MetricsQueries.formatted(59)).isEqualTo("59s");
		assertThat(MetricsQueries.formatted(200)).isEqualTo("3m 20s");
		assertThat(MetricsQueries.formatted(7500)).isEqualTo("2h 5m");
	}

}
