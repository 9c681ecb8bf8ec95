package io.temponest.agents.collaboration;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The iterative pattern's stop rule and the hierarchical lead's assignments. */
class ConventionsTests {

	@Test
	void doneIsALineOfItsOwn() {
		assertThat(Conventions.done("Final text\nDONE")).isTrue();
		assertThat(Conventions.done("Final text\n\n**Done.**\n")).isTrue();
		assertThat(Conventions.done("  done  ")).isTrue();
		assertThat(Conventions.done("We are not done yet")).isFalse();
		assertThat(Conventions.done("DONE: almost")).isFalse();
		assertThat(Conventions.done("Abandoned")).isFalse();
		assertThat(Conventions.withoutDone("Final text\n**DONE**")).isEqualTo("Final text");
	}

	@Test
	void assignmentsFollowTheLeadsLinesAndDefaultToTheGoal() {
		String plan = """
				Here is the plan:
				1. developer: build the API
				- **qa_tester**: test the API
				* developer: document it
				designer - no colon here
				overseer: not a worker
				""";

		assertThat(Conventions.assignments(plan, List.of("developer", "qa-tester", "designer"), "the goal"))
			.containsExactly("build the API\ndocument it", "test the API", "the goal");
	}

}
