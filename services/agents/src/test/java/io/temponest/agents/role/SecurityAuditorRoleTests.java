package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.temponest.agents.role.QaTesterRoleTests.named;
import static org.assertj.core.api.Assertions.assertThat;

/** The security auditor's answers read into findings, counts and risk. */
class SecurityAuditorRoleTests {

	@Test
	void parseWhenWellFormedThenFindingsSummaryAndRisk() {
		String answer = """
				## Executive Summary
				The login endpoint is exposed to SQL injection.

				## Findings
				### [CRITICAL] SQL injection in login
				- Category: A03:2021 Injection
				- CWE: CWE-89
				- Location: app/auth.py:42
				- Description: The query concatenates the user name.
				  An attacker can log in as anyone.
				- Recommendation: Use a parameterised query:
				```python
				cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
				```

				### [High] JWT without expiry
				- Category: A07:2021 Identification and Authentication Failures
				- CWE: CWE-613
				- Description: Tokens never expire.
				- Recommendation: Set exp to 15 minutes.

				### [moderate] Verbose errors
				- Category: A05:2021
				- Description: Stack traces reach the client.
				- Fix: Return problem details only.

				### [Informational] Missing security.txt
				- Description: Add one.

				## Citations
				- [Citation 1] owasp-top10.md (v2021)
				- [Security Pattern 2] jwt-best-practices.md (v1.2)
				""";
		Map<String, Object> result = AgentRole.SECURITY_AUDITOR.parse(answer);
		assertThat(result.keySet()).containsExactly("executive_summary", "findings", "summary", "risk_score",
				"compliance", "owasp_top10", "citations", "raw_output");
		assertThat(result.get("executive_summary")).isEqualTo("The login endpoint is exposed to SQL injection.");
		assertThat(result.get("findings")).isEqualTo(List.of(
				finding("SQL injection in login", "critical", "A03:2021 Injection", "CWE-89", "app/auth.py:42",
						"The query concatenates the user name.\nAn attacker can log in as anyone.",
						"Use a parameterised query:"),
				finding("JWT without expiry", "high", "A07:2021 Identification and Authentication Failures", "CWE-613",
						"", "Tokens never expire.", "Set exp to 15 minutes."),
				finding("Verbose errors", "medium", "A05:2021", "", "", "Stack traces reach the client.",
						"Return problem details only."),
				finding("Missing security.txt", "info", "", "", "", "Add one.", "")));
		assertThat(result.get("summary")).isEqualTo(Map.of("critical", 1, "high", 1, "medium", 1, "low", 0, "info", 1));
		assertThat(result.get("risk_score")).isEqualTo(35);
		assertThat(result.get("compliance")).isEqualTo(Map.of("owasp", "pass", "pci_dss", "unknown"));
		assertThat(result.get("owasp_top10")).isEqualTo(List.of("A03", "A05", "A07"));
		assertThat(result.get("citations"))
			.isEqualTo(List.of(named("owasp-top10.md", "2021"), named("jwt-best-practices.md", "1.2")));
	}

	@Test
	void parseWhenNumberedBoldTaggedFindingsWithoutSectionThenRead() {
		String answer = """
				Here is my audit.

				1. **[HIGH]** Hard-coded AWS key in settings.py
				   Severity: High
				   Recommendation: move it to the secret store
				2. **Critical:** Remote code execution via eval()
				   - Remediation: remove eval
				3. Low - Missing HSTS header

				Overall the risk is high.
				""";
		Map<String, Object> result = AgentRole.SECURITY_AUDITOR.parse(answer);
		assertThat(result.get("findings")).isEqualTo(List.of(
				finding("Hard-coded AWS key in settings.py", "high", "", "", "", "", "move it to the secret store"),
				finding("Remote code execution via eval()", "critical", "", "", "", "", "remove eval"),
				finding("Missing HSTS header", "low", "", "", "", "Overall the risk is high.", "")));
		assertThat(result.get("summary")).isEqualTo(Map.of("critical", 1, "high", 1, "medium", 0, "low", 1, "info", 0));
		assertThat(result.get("risk_score")).isEqualTo(31);
	}

	@Test
	void parseWhenHeadingWithSeverityFieldOrUnknownSeverityThenNormalised() {
		String answer = """
				## Findings
				### Open redirect (Medium)
				- Description: next parameter not checked
				### CSRF on settings form
				- Severity: Severe
				""";
		Map<String, Object> result = AgentRole.SECURITY_AUDITOR.parse(answer);
		assertThat(result.get("findings"))
			.isEqualTo(List.of(finding("Open redirect", "medium", "", "", "", "next parameter not checked", ""),
					finding("CSRF on settings form", "info", "", "", "", "", "")));
	}

	@Test
	void parseWhenJsonFindingsThenReadFromJson() {
		String answer = """
				```json
				{"findings": [{"title": "SQLi", "severity": "HIGH", "description": "concatenated query", "cwe": "CWE-89"},
				              {"title": "Debug on", "severity": "whatever"}]}
				```
				""";
		Map<String, Object> result = AgentRole.SECURITY_AUDITOR.parse(answer);
		assertThat(result.get("findings"))
			.isEqualTo(List.of(finding("SQLi", "high", "", "CWE-89", "", "concatenated query", ""),
					finding("Debug on", "info", "", "", "", "", "")));
	}

	@Test
	void parseWhenManyCriticalFindingsThenRiskCappedAndOwaspFails() {
		StringBuilder answer = new StringBuilder("## Findings\n");
		for (int i = 1; i <= 6; i++) {
			answer.append("### [CRITICAL] Issue ").append(i).append('\n');
		}
		Map<String, Object> result = AgentRole.SECURITY_AUDITOR.parse(answer.toString());
		assertThat(result.get("risk_score")).isEqualTo(100);
		assertThat(result.get("compliance")).isEqualTo(Map.of("owasp", "fail", "pci_dss", "unknown"));
	}

	@Test
	void parseWhenNoFindingsOrEmptyThenZeroRisk() {
		for (String answer : List.of("", "## Executive Summary\nNothing to report.\n## Findings\nNo findings.",
				"The critical path is fine; high availability is configured.")) {
			Map<String, Object> result = AgentRole.SECURITY_AUDITOR.parse(answer);
			assertThat(result.get("findings")).isEqualTo(List.of());
			assertThat(result.get("summary"))
				.isEqualTo(Map.of("critical", 0, "high", 0, "medium", 0, "low", 0, "info", 0));
			assertThat(result.get("risk_score")).isEqualTo(0);
			assertThat(result.get("compliance")).isEqualTo(Map.of("owasp", "pass", "pci_dss", "unknown"));
		}
	}

	static Map<String, Object> finding(String title, String severity, String category, String cwe, String location,
			String description, String recommendation) {
		return Map.of("title", title, "severity", severity, "category", category, "cwe", cwe, "location", location,
				"description", description, "recommendation", recommendation);
	}

}
