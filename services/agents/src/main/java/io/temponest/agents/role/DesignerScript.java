package io.temponest.agents.role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The designer: overview, colour palette, design tokens, components, wireframes,
 * accessibility and code examples. Result: {@code overview}, {@code design} {wireframes,
 * components [{name, description}], design_tokens, color_palette}, {@code accessibility}
 * {wcag_level (the level the answer names, else the required {@code AA}), checklist
 * [text]}, {@code implementation} {html_structure, css_classes, responsive_breakpoints
 * (the tokens' {@code breakpoints})}, {@code citations}.
 */
final class DesignerScript implements RoleScript {

	private static final Map<String, String> SECTIONS = Map.ofEntries(Map.entry("overview", "overview"),
			Map.entry("design overview", "overview"), Map.entry("color palette", "palette"),
			Map.entry("colour palette", "palette"), Map.entry("palette", "palette"),
			Map.entry("design tokens", "tokens"), Map.entry("tokens", "tokens"), Map.entry("components", "components"),
			Map.entry("component specifications", "components"), Map.entry("component specs", "components"),
			Map.entry("wireframes", "wireframes"), Map.entry("wireframe", "wireframes"),
			Map.entry("layout", "wireframes"), Map.entry("accessibility", "accessibility"),
			Map.entry("accessibility checklist", "accessibility"), Map.entry("code examples", "code"),
			Map.entry("code", "code"), Map.entry("citations", "citations"));

	private static final Pattern WCAG = Pattern
		.compile("(?i)\\bWCAG\\s{0,3}(?:2\\.[0-2]\\s{0,3})?(?:level\\s{0,3})?(AAA|AA|A)\\b");

	private static final Pattern COMPONENT = Pattern.compile("^([^:–—]{1,80}?)\\s*(?::|\\s[-–—]\\s)\\s*(.*)$");

	private static final Set<String> MARKUP = Set.of("html", "jsx", "tsx", "vue", "svelte");

	private static final Set<String> STYLES = Set.of("css", "scss", "sass", "less");

	private static final String SYSTEM = """
			You are a senior UI/UX designer. You design consistent, accessible interfaces: a design system with \
			colour palette and design tokens (spacing, typography, radii, shadows, breakpoints), components with \
			their variants and states, mobile-first responsive layouts, and WCAG 2.1 AA accessibility (4.5:1 text \
			contrast, 3:1 for UI elements, full keyboard use, visible focus, ARIA where HTML is not enough, touch \
			targets of at least 44x44 px).

			Answer in exactly this format:

			## Overview
			<the design direction in a few sentences>

			## Color Palette
			```json
			{"primary": "#RRGGBB", "secondary": "#RRGGBB", "success": "#RRGGBB", "error": "#RRGGBB"}
			```

			## Design Tokens
			```json
			{"spacing": {...}, "typography": {...}, "radii": {...}, "shadows": {...}, "breakpoints": {"sm": "640px"}}
			```

			## Components
			- <Component name>: <purpose, variants, states and measurements>

			## Wireframes
			A Mermaid or ASCII sketch of the main screens in one fenced code block.

			## Accessibility
			- <a check the design meets, with how>

			## Code Examples
			The key markup in a ```html (or ```jsx) block and its styles in a ```css block.

			## Citations
			- [Citation N] <source> (v<version>), or "None"
			""";

	@Override
	public String system() {
		return SYSTEM;
	}

	@Override
	public Map<String, Object> parse(String answer, List<Citation> retrieved) {
		Map<String, String> sections = Markdown.sections(answer, SECTIONS);
		Map<String, Object> tokens = jsonOf(sections.get("tokens"));
		List<Markdown.Block> code = Markdown.blocks(sections.getOrDefault("code", answer));
		Map<String, Object> design = new LinkedHashMap<>();
		design.put("wireframes", wireframes(sections.getOrDefault("wireframes", "")));
		design.put("components", components(sections.getOrDefault("components", "")));
		design.put("design_tokens", tokens);
		design.put("color_palette", jsonOf(sections.get("palette")));
		Map<String, Object> accessibility = new LinkedHashMap<>();
		Matcher wcag = WCAG.matcher(answer);
		accessibility.put("wcag_level", wcag.find() ? wcag.group(1).toUpperCase(Locale.ROOT) : "AA");
		accessibility.put("checklist", Markdown.items(sections.getOrDefault("accessibility", "")));
		Map<String, Object> implementation = new LinkedHashMap<>();
		implementation.put("html_structure", first(code, MARKUP));
		implementation.put("css_classes", first(code, STYLES));
		implementation.put("responsive_breakpoints", Json.object(tokens.get("breakpoints")));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("overview", Markdown.prose(sections.getOrDefault("overview", "")));
		result.put("design", design);
		result.put("accessibility", accessibility);
		result.put("implementation", implementation);
		result.put("citations", Citations.withNamed(retrieved, answer));
		return result;
	}

	private static Map<String, Object> jsonOf(@Nullable String section) {
		return (section != null) ? Json.firstObject(section).orElseGet(LinkedHashMap::new) : new LinkedHashMap<>();
	}

	private static String wireframes(String section) {
		List<Markdown.Block> blocks = Markdown.blocks(section);
		return blocks.isEmpty() ? section : blocks.get(0).content();
	}

	private static List<Map<String, Object>> components(String section) {
		List<Map<String, Object>> components = new ArrayList<>();
		for (String item : Markdown.items(section)) {
			Matcher component = COMPONENT.matcher(item);
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", component.matches() ? component.group(1).strip() : item);
			entry.put("description", component.matches() ? component.group(2).strip() : "");
			components.add(entry);
		}
		return components;
	}

	private static String first(List<Markdown.Block> blocks, Set<String> languages) {
		Optional<Markdown.Block> block = blocks.stream()
			.filter((candidate) -> languages.contains(candidate.language()))
			.findFirst();
		return block.map(Markdown.Block::content).orElse("");
	}

}
