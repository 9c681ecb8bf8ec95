package io.temponest.workers.pipeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles a plan may name, and the developer for anything else. */
class AgentRoleTests {

	@ParameterizedTest
	@CsvSource({ "overseer, overseer", "developer, developer", "qa-tester, qa-tester", "qa_tester, qa-tester",
			"QA Tester, qa-tester", "devops, devops", "designer, designer", "security-auditor, security-auditor",
			"ux_researcher, ux-researcher", "astronaut, developer", "'', developer" })
	void ofWhenNamedThenRole(String name, String expected) {
		assertThat(AgentRole.of(name).wireName()).isEqualTo(expected);
	}

	@ParameterizedTest
	@NullSource
	void ofWhenAbsentThenDeveloper(String name) {
		assertThat(AgentRole.of(name)).isEqualTo(AgentRole.DEVELOPER);
	}

}
