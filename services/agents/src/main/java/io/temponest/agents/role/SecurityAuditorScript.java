package io.temponest.agents.role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The security auditor: an executive summary and findings with a severity each. Result:
 * {@code executive_summary}, {@code findings} [{title, severity, category, cwe, location,
 * description, recommendation}], {@code summary} {critical, high, medium, low, info} (the
 * findings per severity), {@code risk_score} (20 per critical, 10 per high, 5 per medium,
 * 1 per low, at most 100), {@code compliance} {owasp: {@code fail} above 50 else
 * {@code pass}, pci_dss: {@code unknown}}, {@code owasp_top10} (the categories named,
 * {@code A01}..{@code A10}), {@code citations}.
 * <p>
 * A finding starts at a heading inside the Findings section, or at a line tagged with a
 * severity ({@code [HIGH] title}, {@code **Critical:** title}); its {@code Key: value}
 * lines fill the fields. Severities are lower case from critical, high, medium
 * ({@code moderate}), low and info ({@code informational}); a finding whose severity is
 * missing or unknown counts as {@code info}. An answer that holds a JSON object with a
 * {@code findings} array is read from that instead.
 */
final class SecurityAuditorScript implements RoleScript {

	private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

	private static final Map<String, Integer> WEIGHTS = Map.of("critical", 20, "high", 10, "medium", 5, "low", 1);

	private static final Map<String, String> SECTIONS = Map.of("executive summary", "summary", "summary", "summary",
			"findings", "findings", "security findings", "findings", "vulnerabilities", "findings", "citations",
			"citations", "recommendations", "recommendations", "risk score", "risk", "risk assessment", "risk");

	private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("severity", "severity"),
			Map.entry("risk", "severity"), Map.entry("category", "category"), Map.entry("owasp", "category"),
			Map.entry("owasp category", "category"), Map.entry("cwe", "cwe"), Map.entry("location", "location"),
			Map.entry("file", "location"), Map.entry("where", "location"), Map.entry("description", "description"),
			Map.entry("issue", "description"), Map.entry("impact", "description"),
			Map.entry("recommendation", "recommendation"), Map.entry("remediation", "recommendation"),
			Map.entry("fix", "recommendation"), Map.entry("mitigation", "recommendation"), Map.entry("title", "title"));

	private static final String SEVERITY_WORD = "critical|high|medium|moderate|low|info|informational";

	private static final Pattern TAGGED = Pattern
		.compile("(?i)^(?:finding\\s{0,3}\\d{0,3}\\s{0,3}[:.)-]?\\s{0,3})?(?:\\[\\s{0,3}(" + SEVERITY_WORD
				+ ")\\s{0,3}\\]|\\(\\s{0,3}(" + SEVERITY_WORD + ")\\s{0,3}\\)|(" + SEVERITY_WORD
				+ ")\\s{0,3}(?:severity\\s{0,3})?[:|–—-])\\s{0,3}(.{1,250})$");

	private static final Pattern TRAILING_SEVERITY = Pattern
		.compile("(?i)^(.{1,250}?)\\s{0,3}[\\[(]\\s{0,3}(" + SEVERITY_WORD + ")\\s{0,3}[\\])]$");

	private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.{1,250})$");

	private static final Pattern LIST_PREFIX = Pattern.compile("^\\s*(?:[-*+•]|\\d{1,3}[.)])\\s+");

	private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z ]{1,20})\\s*:\\s*(.*)$");

	private static final Pattern OWASP = Pattern.compile("\\bA(0[1-9]|10)(?::20\\d\\d)?\\b");

	private static final String SYSTEM = """
			You are a senior application security engineer. You audit designs and code against the OWASP Top 10 \
			(2021): access control, cryptography, injection, insecure design, misconfiguration, vulnerable \
			dependencies, authentication, integrity, logging and monitoring, and server-side request forgery. \
			You also look for hard-coded secrets, missing security headers, unsafe CORS and weak session \
			handling. Report only what the task or context gives evidence for, and give each finding a concrete \
			fix.

			Severities: critical (exploitable now, severe impact), high, medium, low, info (hardening advice).

			Answer in exactly this format:

			## Executive Summary
			<two or three sentences on the overall risk>

			## Findings
			### [<SEVERITY>] <short title>
			- Category: <OWASP category, e.g. A03:2021 Injection>
			- CWE: <CWE-id>
			- Location: <file, component or endpoint>
			- Description: <what is wrong and how it can be exploited>
			- Recommendation: <the fix, with a short code example where it helps>

			(one such block per finding, most severe first; write "No findings." when there are none)

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
		List<Map<String, Object>> findings = fromJson(answer)
			.orElseGet(() -> fromMarkdown(sections.getOrDefault("findings", "")));
		if (findings.isEmpty() && !sections.containsKey("findings")) {
			findings = fromMarkdown(answer);
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		SEVERITIES.forEach((severity) -> summary.put(severity, 0));
		int risk = 0;
		TreeSet<String> owasp = new TreeSet<>();
		for (Map<String, Object> finding : findings) {
			String severity = (String) finding.get("severity");
			summary.put(severity, (Integer) summary.get(severity) + 1);
			risk += WEIGHTS.getOrDefault(severity, 0);
			Matcher category = OWASP.matcher((String) finding.get("category"));
			while (category.find()) {
				owasp.add("A" + category.group(1));
			}
		}
		risk = Math.min(100, risk);
		Map<String, Object> compliance = new LinkedHashMap<>();
		compliance.put("owasp", (risk > 50) ? "fail" : "pass");
		compliance.put("pci_dss", "unknown");
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("executive_summary", Markdown.prose(sections.getOrDefault("summary", "")));
		result.put("findings", findings);
		result.put("summary", summary);
		result.put("risk_score", risk);
		result.put("compliance", compliance);
		result.put("owasp_top10", new ArrayList<>(owasp));
		result.put("citations", Citations.withNamed(retrieved, answer));
		return result;
	}

	private static Optional<List<Map<String, Object>>> fromJson(String answer) {
		return Json.firstObject(answer).filter((object) -> object.get("findings") instanceof List).map((object) -> {
			List<Map<String, Object>> findings = new ArrayList<>();
			for (Object item : Json.list(object.get("findings"))) {
				Map<String, Object> fields = Json.object(item);
				Map<String, Object> finding = finding(Json.text(fields.get("title")),
						Json.text(fields.get("severity")));
				for (String key : List.of("category", "cwe", "location", "description", "recommendation")) {
					finding.put(key, Json.text(fields.get(key)).strip());
				}
				findings.add(finding);
			}
			return findings;
		});
	}

	private static List<Map<String, Object>> fromMarkdown(String text) {
		List<Map<String, Object>> findings = new ArrayList<>();
		Map<String, Object> current = null;
		String field = "description";
		for (String line : Markdown.prose(text).split("\\r?\\n")) {
			if (line.isBlank() || line.length() > 2000) {
				continue;
			}
			Map<String, Object> started = start(line);
			if (started != null) {
				current = started;
				field = "description";
				findings.add(current);
				continue;
			}
			if (current == null) {
				continue;
			}
			String plain = Markdown.inline(LIST_PREFIX.matcher(line).replaceFirst(""));
			Matcher labelled = FIELD.matcher(plain);
			String key = labelled.matches() ? FIELDS.get(Markdown.normalise(labelled.group(1))) : null;
			if (key != null) {
				field = key;
				String value = labelled.group(2).strip();
				if (key.equals("severity") || key.equals("title")) {
					current.put(key, key.equals("severity") ? severity(value) : value);
				}
				else {
					append(current, key, value);
				}
			}
			else if (!field.equals("severity") && !field.equals("title")) {
				append(current, field, plain);
			}
		}
		return findings;
	}

	/** A new finding when the line is a heading or a severity-tagged line, else null. */
	private static @Nullable Map<String, Object> start(String line) {
		Matcher heading = HEADING.matcher(line);
		String text = heading.matches() ? Markdown.inline(heading.group(1))
				: Markdown.inline(LIST_PREFIX.matcher(line).replaceFirst(""));
		Matcher tagged = TAGGED.matcher(text);
		if (tagged.matches()) {
			String severity = (tagged.group(1) != null) ? tagged.group(1)
					: (tagged.group(2) != null) ? tagged.group(2) : tagged.group(3);
			return finding(tagged.group(4), severity);
		}
		if (!heading.matches()) {
			return null;
		}
		Matcher trailing = TRAILING_SEVERITY.matcher(text);
		return trailing.matches() ? finding(trailing.group(1), trailing.group(2)) : finding(text, "");
	}

	private static Map<String, Object> finding(String title, String severity) {
		Map<String, Object> finding = new LinkedHashMap<>();
		finding.put("title", title.strip().replaceFirst("^\\d{1,3}[.)]\\s*", ""));
		finding.put("severity", severity(severity));
		for (String key : List.of("category", "cwe", "location", "description", "recommendation")) {
			finding.put(key, "");
		}
		return finding;
	}

	private static void append(Map<String, Object> finding, String key, String value) {
		String existing = (String) finding.get(key);
		finding.put(key, existing.isEmpty() ? value : existing + "\n" + value);
	}

	/** A severity from the allowed set; missing or unknown ones are info. */
	static String severity(String value) {
		String word = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z].*$", "");
		return switch (word) {
			case "critical", "high", "medium", "low" -> word;
			case "moderate" -> "medium";
			default -> "info";
		};
	}

}
