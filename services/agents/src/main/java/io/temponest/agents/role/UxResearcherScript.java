package io.temponest.agents.role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The UX researcher: one JSON object with personas, journey maps, insights and
 * recommendations. Result: {@code research} {personas, journey_maps, insights,
 * recommendations} (each a list of what the answer gives: objects or texts),
 * {@code citations}. An answer without that object is read from markdown sections of the
 * same names, one text per list item.
 */
final class UxResearcherScript implements RoleScript {

	private static final List<String> KEYS = List.of("personas", "journey_maps", "insights", "recommendations");

	private static final Map<String, String> SECTIONS = Map.of("personas", "personas", "user personas", "personas",
			"journey maps", "journey_maps", "user journeys", "journey_maps", "journey map", "journey_maps", "insights",
			"insights", "key insights", "insights", "recommendations", "recommendations");

	private static final String SYSTEM = """
			You are a senior UX researcher. You turn what is known about a product and its users into research \
			results a team can act on: personas grounded in evidence, journey maps with the user's actions, \
			thoughts, feelings, pain points and opportunities at each stage, insights with the evidence behind \
			them, and prioritised recommendations. Say when something is an assumption to validate rather than a \
			finding.

			Answer in exactly this format: one JSON object in a ```json block, and nothing else:
			```json
			{
			  "personas": [{"name": "", "segment": "", "goals": [], "pain_points": [], "behaviors": [], "quote": ""}],
			  "journey_maps": [{"persona": "", "stages": [{"stage": "", "actions": [], "thoughts": [], "emotions": "", \
			"pain_points": [], "opportunities": []}]}],
			  "insights": [{"insight": "", "evidence": "", "impact": "high|medium|low"}],
			  "recommendations": [{"recommendation": "", "priority": "high|medium|low", "rationale": ""}],
			  "citations": ["[Citation N] <source> (v<version>)"]
			}
			```
			""";

	@Override
	public String system() {
		return SYSTEM;
	}

	@Override
	public Map<String, Object> parse(String answer, List<Citation> retrieved) {
		Optional<Map<String, Object>> json = Json.firstObject(answer)
			.filter((object) -> KEYS.stream().anyMatch(object::containsKey));
		Map<String, String> sections = json.isPresent() ? Map.of() : Markdown.sections(answer, SECTIONS);
		Map<String, Object> research = new LinkedHashMap<>();
		for (String key : KEYS) {
			research.put(key,
					json.isPresent() ? Json.list(json.get().get(key)) : Markdown.items(sections.getOrDefault(key, "")));
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("research", research);
		result.put("citations", Citations.withNamed(retrieved, answer));
		return result;
	}

}
