package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.temponest.agents.role.QaTesterRoleTests.named;
import static org.assertj.core.api.Assertions.assertThat;

/** The UX researcher's answers read into research and citations. */
class UxResearcherRoleTests {

	@Test
	void parseWhenJsonBlockThenResearchAsGiven() {
		String answer = """
				Here is the research:
				```json
				{
				  "personas": [{"name": "Busy Parent", "goals": ["order in under a minute"]}],
				  "journey_maps": [{"persona": "Busy Parent", "stages": [{"stage": "Awareness", "emotions": "curious"}]}],
				  "insights": ["Most orders happen after 8 pm"],
				  "recommendations": [{"recommendation": "One-tap reorder", "priority": "high"}],
				  "citations": ["[Citation 1] interviews-2024.md (v1.0)"]
				}
				```
				""";
		Map<String, Object> result = AgentRole.UX_RESEARCHER.parse(answer);
		assertThat(result.keySet()).containsExactly("research", "citations", "raw_output");
		assertThat(result.get("research")).isEqualTo(Map.of("personas",
				List.of(Map.of("name", "Busy Parent", "goals", List.of("order in under a minute"))), "journey_maps",
				List.of(Map.of("persona", "Busy Parent", "stages",
						List.of(Map.of("stage", "Awareness", "emotions", "curious")))),
				"insights", List.of("Most orders happen after 8 pm"), "recommendations",
				List.of(Map.of("recommendation", "One-tap reorder", "priority", "high"))));
		assertThat(result.get("citations")).isEqualTo(List.of(named("interviews-2024.md", "1.0")));
	}

	@Test
	void parseWhenBareJsonWithSingleValuesThenListsOfThem() {
		String answer = "{\"personas\": {\"name\": \"Ana\"}, \"insights\": \"Prices confuse users\", \"recommendations\": null}";
		assertThat(AgentRole.UX_RESEARCHER.parse(answer).get("research"))
			.isEqualTo(Map.of("personas", List.of(Map.of("name", "Ana")), "journey_maps", List.of(), "insights",
					List.of("Prices confuse users"), "recommendations", List.of()));
	}

	@Test
	void parseWhenMarkdownInsteadOfJsonThenItemsOfSections() {
		String answer = """
				## User Personas
				1. **Ana**, 34, orders weekly
				2. **Ben**, 52, orders for his office

				### Key insights
				* Delivery time matters more than price

				Recommendations:
				- Show the delivery time first
				""";
		assertThat(AgentRole.UX_RESEARCHER.parse(answer).get("research"))
			.isEqualTo(Map.of("personas", List.of("Ana, 34, orders weekly", "Ben, 52, orders for his office"),
					"journey_maps", List.of(), "insights", List.of("Delivery time matters more than price"),
					"recommendations", List.of("Show the delivery time first")));
	}

	@Test
	void parseWhenEmptyOrGarbageThenEmptyResearch() {
		for (String answer : List.of("", "{\"personas\": [", "lorem ipsum {} []")) {
			Map<String, Object> result = AgentRole.UX_RESEARCHER.parse(answer);
			assertThat(result)
				.isEqualTo(Map.of("research", Map.of("personas", List.of(), "journey_maps", List.of(), "insights",
						List.of(), "recommendations", List.of()), "citations", List.of(), "raw_output", answer));
		}
	}

}
