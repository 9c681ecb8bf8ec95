package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.temponest.agents.role.QaTesterRoleTests.named;
import static org.assertj.core.api.Assertions.assertThat;

/** The designer's answers read into design, accessibility and implementation. */
class DesignerRoleTests {

	@Test
	void parseWhenWellFormedThenDesignAccessibilityAndImplementation() {
		String answer = """
				## Overview
				A calm, card-based sign-up flow.

				## Color Palette
				```json
				{"primary": "#2563EB", "error": "#EF4444"}
				```

				## Design Tokens
				```json
				{"spacing": {"1": "0.25rem"}, "breakpoints": {"sm": "640px", "md": "768px"}}
				```

				## Components
				- Button: primary and secondary variants; hover, focus, disabled states; 44px high
				- **Input** — label above, error text below

				## Wireframes
				```mermaid
				graph TD; Landing-->SignUp
				```

				## Accessibility
				- Text contrast at least 4.5:1 (WCAG 2.1 AA)
				- Visible focus ring on every control

				## Code Examples
				```html
				<button class="btn btn-primary">Sign up</button>
				```
				```css
				.btn-primary { background: #2563EB; }
				```

				## Citations
				- [Design Pattern 1] material-buttons.md (v3)
				""";
		Map<String, Object> result = AgentRole.DESIGNER.parse(answer);
		assertThat(result.keySet()).containsExactly("overview", "design", "accessibility", "implementation",
				"citations", "raw_output");
		assertThat(result.get("overview")).isEqualTo("A calm, card-based sign-up flow.");
		assertThat(result.get("design")).isEqualTo(Map.of("wireframes", "graph TD; Landing-->SignUp", "components",
				List.of(component("Button", "primary and secondary variants; hover, focus, disabled states; 44px high"),
						component("Input", "label above, error text below")),
				"design_tokens",
				Map.of("spacing", Map.of("1", "0.25rem"), "breakpoints", Map.of("sm", "640px", "md", "768px")),
				"color_palette", Map.of("primary", "#2563EB", "error", "#EF4444")));
		assertThat(result.get("accessibility")).isEqualTo(Map.of("wcag_level", "AA", "checklist",
				List.of("Text contrast at least 4.5:1 (WCAG 2.1 AA)", "Visible focus ring on every control")));
		assertThat(result.get("implementation"))
			.isEqualTo(Map.of("html_structure", "<button class=\"btn btn-primary\">Sign up</button>", "css_classes",
					".btn-primary { background: #2563EB; }", "responsive_breakpoints",
					Map.of("sm", "640px", "md", "768px")));
		assertThat(result.get("citations")).isEqualTo(List.of(named("material-buttons.md", "3")));
	}

	@Test
	void parseWhenNumberedHeadingsAsciiWireframeAndJsxThenRead() {
		String answer = """
				# 1. Design Overview
				Dashboard for admins, aiming at WCAG 2.2 AAA.

				# 2. Layout
				+--------+---------+
				| nav    | content |
				+--------+---------+

				# 3. Code examples
				```jsx
				<Nav items={items} />
				```
				""";
		Map<String, Object> result = AgentRole.DESIGNER.parse(answer);
		assertThat(result.get("overview")).isEqualTo("Dashboard for admins, aiming at WCAG 2.2 AAA.");
		@SuppressWarnings("unchecked")
		Map<String, Object> design = (Map<String, Object>) result.get("design");
		assertThat(design.get("wireframes"))
			.isEqualTo("+--------+---------+\n| nav    | content |\n+--------+---------+");
		assertThat(design.get("color_palette")).isEqualTo(Map.of());
		assertThat(result.get("accessibility")).isEqualTo(Map.of("wcag_level", "AAA", "checklist", List.of()));
		assertThat(result.get("implementation")).isEqualTo(Map.of("html_structure", "<Nav items={items} />",
				"css_classes", "", "responsive_breakpoints", Map.of()));
	}

	@Test
	void parseWhenBrokenPaletteJsonThenEmptyPalette() {
		String answer = "## Color Palette\n```json\n{\"primary\": \"#2563EB\",, oops\n```\n";
		@SuppressWarnings("unchecked")
		Map<String, Object> design = (Map<String, Object>) AgentRole.DESIGNER.parse(answer).get("design");
		assertThat(design.get("color_palette")).isEqualTo(Map.of());
	}

	@Test
	void parseWhenEmptyThenEmptyStructure() {
		assertThat(AgentRole.DESIGNER.parse("")).isEqualTo(Map.of("overview", "", "design",
				Map.of("wireframes", "", "components", List.of(), "design_tokens", Map.of(), "color_palette", Map.of()),
				"accessibility", Map.of("wcag_level", "AA", "checklist", List.of()), "implementation",
				Map.of("html_structure", "", "css_classes", "", "responsive_breakpoints", Map.of()), "citations",
				List.of(), "raw_output", ""));
	}

	private static Map<String, Object> component(String name, String description) {
		return Map.of("name", name, "description", description);
	}

}
