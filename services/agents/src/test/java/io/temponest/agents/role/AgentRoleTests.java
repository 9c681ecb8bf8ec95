package io.temponest.agents.role;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles' fixed facts, lookups, prompts and the parsers' never-throw rule. */
class AgentRoleTests {

	@Test
	void slugsAndModelInfoKeysWhenListedThenAsTheApiNamesThem() {
		assertThat(Arrays.stream(AgentRole.values()).map(AgentRole::slug)).containsExactly("overseer", "developer",
				"qa-tester", "devops", "designer", "security-auditor", "ux-researcher");
		assertThat(AgentRole.OVERSEER.modelInfoKey()).isEmpty();
		assertThat(Arrays.stream(AgentRole.values()).skip(1).map((role) -> role.modelInfoKey().orElseThrow()))
			.containsExactly("developer", "qa_tester", "devops", "designer", "security_auditor", "ux_researcher");
	}

	@Test
	void settingsWhenReadThenTemperaturesAndBudgetsPerRole() {
		assertThat(Arrays.stream(AgentRole.values()).map(AgentRole::temperature)).containsExactly(0.2, 0.2, 0.2, 0.2,
				0.3, 0.1, 0.4);
		assertThat(Arrays.stream(AgentRole.values()).map(AgentRole::maxAnswerTokens)).containsExactly(2048, 2048, 4096,
				4096, 4096, 4096, 4096);
		assertThat(Arrays.stream(AgentRole.values()).map(AgentRole::taskTokenBudget)).containsExactly(8000, 8000, 16000,
				16000, 16000, 16000, 16000);
		assertThat(Arrays.stream(AgentRole.values()).map(AgentRole::displayName)).containsExactly("Overseer",
				"Developer", "QA Tester", "DevOps Engineer", "Designer", "Security Auditor", "UX Researcher");
		assertThat(AgentRole.values())
			.allSatisfy((role) -> assertThat(role.description()).endsWith(".").doesNotContain("\n"));
	}

	@Test
	void idsWhenComputedThenNameBasedAndStable() {
		assertThat(AgentRole.OVERSEER.id())
			.isEqualTo(UUID.nameUUIDFromBytes("temponest:role:overseer".getBytes(StandardCharsets.UTF_8)));
		assertThat(AgentRole.SECURITY_AUDITOR.id())
			.isEqualTo(UUID.nameUUIDFromBytes("temponest:role:security-auditor".getBytes(StandardCharsets.UTF_8)));
		// Pinned: built-in agent ids are stored and referenced by clients, they must
		// never change.
		assertThat(AgentRole.DEVELOPER.id().toString())
			.isEqualTo(UUID.nameUUIDFromBytes("temponest:role:developer".getBytes(StandardCharsets.UTF_8)).toString());
		assertThat(AgentRole.DEVELOPER.id().version()).isEqualTo(3);
		assertThat(Arrays.stream(AgentRole.values()).map(AgentRole::id).distinct()).hasSize(7);
	}

	@Test
	void ofSlugAndOfIdWhenKnownThenRoleElseEmpty() {
		for (AgentRole role : AgentRole.values()) {
			assertThat(AgentRole.ofSlug(role.slug())).contains(role);
			assertThat(AgentRole.ofId(role.id())).contains(role);
		}
		assertThat(AgentRole.ofSlug("qa_tester")).isEmpty();
		assertThat(AgentRole.ofSlug("Overseer")).isEmpty();
		assertThat(AgentRole.ofSlug("")).isEmpty();
		assertThat(AgentRole.ofSlug(null)).isEmpty();
		assertThat(AgentRole.ofId(UUID.randomUUID())).isEmpty();
		assertThat(AgentRole.ofId(null)).isEmpty();
	}

	@Test
	void promptWhenContextGivenThenTaskAndSortedPrettyJsonOnly() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("stack", "spring");
		context.put("limits", Map.of("rps", 50));
		RolePrompt prompt = AgentRole.DEVELOPER.prompt("  Build the orders API  ", context);
		assertThat(prompt.system()).contains("senior full-stack developer", "\"implementation\"", "\"tests\"",
				"\"migrations\"", "\"setup_instructions\"", "```python src/orders/service.py");
		assertThat(prompt.user()).isEqualTo("""
				## Task
				Build the orders API

				## Context
				```json
				{
				  "limits" : {
				    "rps" : 50
				  },
				  "stack" : "spring"
				}
				```

				## Knowledge base
				No knowledge-base excerpts are available for this task. Cite nothing and do not invent sources; \
				where the answer format has a Citations part, write "None" there.

				Answer in the format your instructions give.""");
	}

	@Test
	void promptWhenContextEmptyOrNullThenSaysSo() {
		assertThat(AgentRole.OVERSEER.prompt("Plan a launch", Map.of()).user())
			.contains("## Context\nNo additional context.\n");
		assertThat(AgentRole.OVERSEER.prompt("Plan a launch", null).user())
			.isEqualTo(AgentRole.OVERSEER.prompt("Plan a launch", Map.of()).user());
	}

	@Test
	void promptWhenCitationsGivenThenNumberedExcerptsCappedInLength() {
		List<Citation> citations = List.of(new Citation("owasp.md", "2021", 0.912, "Injection happens when..."),
				new Citation("jwt.md", "1.0", 0.7, "x".repeat(1000)));
		String user = AgentRole.SECURITY_AUDITOR.prompt("Audit login", Map.of(), citations).user();
		assertThat(user).contains("Cite an excerpt as [Citation N] <source> (v<version>)")
			.contains("[Citation 1] owasp.md (v2021), relevance 0.91\nInjection happens when...\n")
			.contains("[Citation 2] jwt.md (v1.0), relevance 0.70\n" + "x".repeat(800) + "...\n")
			.doesNotContain("x".repeat(801))
			.doesNotContain("No knowledge-base excerpts");
	}

	@ParameterizedTest
	@EnumSource(AgentRole.class)
	void systemPromptWhenBuiltThenStatesTheFormatAndNoTaskData(AgentRole role) {
		RolePrompt prompt = role.prompt("SECRET-TASK-MARKER", Map.of("key", "CONTEXT-MARKER"));
		assertThat(prompt.system()).contains("format").doesNotContain("SECRET-TASK-MARKER", "CONTEXT-MARKER");
		assertThat(prompt.user()).contains("SECRET-TASK-MARKER", "CONTEXT-MARKER");
		assertThat(prompt).isEqualTo(role.prompt("SECRET-TASK-MARKER", Map.of("key", "CONTEXT-MARKER")));
	}

	@ParameterizedTest
	@EnumSource(AgentRole.class)
	void parseWhenHostileOrHugeThenSameKeysAsEmptyAndNeverThrows(AgentRole role) {
		List<String> keys = List.copyOf(role.parse("").keySet());
		assertThat(keys).endsWith("citations", "raw_output");
		List<String> answers = List.of(" ", "\u0000\uFFFF\uD800", "{".repeat(100_000), "[".repeat(5000) + "]",
				"{\"a\":".repeat(2000) + "1" + "}".repeat(2000), "```".repeat(10_000), "```\n".repeat(10_001),
				" ".repeat(300_000), "\n".repeat(200_000) + "## Findings\n### [HIGH] x",
				"- ".repeat(50_000) + "\n" + "#".repeat(50_000), "[Citation 1] " + "a".repeat(100_000) + " (v1)",
				"PLAN:\n" + "- Task 1: x (Agent: " + "(".repeat(10_000),
				"<script>alert(1)</script> '; DROP TABLE agents; -- ${jndi:ldap://x} {{7*7}}",
				"@pytest.fixture\n".repeat(5000) + "def x(", "WCAG ".repeat(50_000));
		for (String answer : answers) {
			Map<String, Object> result = role.parse(answer);
			assertThat(List.copyOf(result.keySet())).isEqualTo(keys);
			assertThat(result.get("raw_output")).isEqualTo(answer);
		}
		Map<String, Object> fromNull = role.parse(null);
		assertThat(fromNull).isEqualTo(role.parse(""));
	}

	@Test
	void parseWhenAnswerBeyondTheParsedLengthThenRawOutputWhole() {
		String tail = "\n## Findings\n### [CRITICAL] hidden past the limit\n";
		String answer = "a".repeat(AgentRole.MAX_PARSED_CHARS) + tail;
		Map<String, Object> result = AgentRole.SECURITY_AUDITOR.parse(answer);
		assertThat(result.get("findings")).isEqualTo(List.of());
		assertThat(result.get("raw_output")).isEqualTo(answer);
	}

	@Test
	void parseWhenRetrievedAndNamedCitationsThenRetrievedFirstNamedDeduplicatedAtMostFive() {
		StringBuilder answer = new StringBuilder("## Citations\n- [Citation 1] owasp.md (v2021)\n");
		for (int i = 1; i <= 7; i++) {
			answer.append("- [Citation ")
				.append(i + 1)
				.append("] doc")
				.append(i)
				.append(".md (v1.")
				.append(i)
				.append(")\n");
		}
		answer.append("- [Citation 9] doc1.md (v1.1)\n");
		Citation retrieved = new Citation("owasp.md", "2021", 0.9, "Injection...");
		Map<String, Object> result = AgentRole.DEVOPS.parse(answer.toString(), List.of(retrieved));
		assertThat(result.get("citations"))
			.isEqualTo(List.of(retrieved.toMap(), QaTesterRoleTests.named("doc1.md", "1.1"),
					QaTesterRoleTests.named("doc2.md", "1.2"), QaTesterRoleTests.named("doc3.md", "1.3"),
					QaTesterRoleTests.named("doc4.md", "1.4"), QaTesterRoleTests.named("doc5.md", "1.5")));
	}

}
