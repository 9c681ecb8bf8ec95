package io.temponest.agents.role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The QA tester: a test plan, test cases, the test code, a coverage analysis and how to
 * run the tests. Result: {@code test_plan} [text], {@code test_cases} [{name,
 * description, type}], {@code test_code} (the first code block of the Test Code section,
 * else of the answer), {@code test_files} {path: content}, {@code test_count},
 * {@code test_types}, {@code fixtures}, {@code test_coverage} {estimated (percent, or
 * null when the answer states none), gaps}, {@code run_instructions}, {@code citations}.
 */
final class QaTesterScript implements RoleScript {

	private static final Map<String, String> SECTIONS = Map.of("test plan", "plan", "test cases", "cases", "test code",
			"code", "tests", "code", "coverage analysis", "coverage", "coverage", "coverage", "run instructions", "run",
			"how to run", "run", "citations", "citations");

	private static final Pattern TYPE = Pattern.compile(
			"(?i)\\(?\\s*(?:type\\s*[:=]\\s*)?\\b(unit|integration|e2e|end-to-end|contract|performance|security|property)\\b(?:\\s+tests?)?\\s*\\)?\\s*$");

	private static final Pattern NAME = Pattern.compile("^([\\w.#\\[\\]-]{1,120})\\s*(?::|\\s[-–—]\\s)\\s*(.*)$");

	private static final Pattern TEST = Pattern.compile(
			"(?m)^[ \\t]*(?:(?:async\\s+)?def\\s+test\\w*\\s*\\(|@(?:Test|ParameterizedTest|RepeatedTest)\\b|(?:it|test)\\s*\\(\\s*['\"`])");

	private static final Pattern FIXTURE = Pattern.compile(
			"(?m)^[ \\t]*@(?:pytest\\.fixture|Before(?:Each|All))\\b[^\\n]{0,200}\\n(?:\\s*@[^\\n]{0,200}\\n){0,3}\\s*(?:(?:public|protected|private|static|async|void|def)\\s+){1,4}(\\w+)\\s*\\(");

	private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})(?:\\.\\d{1,2})?\\s?%");

	private static final String SYSTEM = """
			You are a senior QA engineer. You design tests that find defects: the main paths, edge cases, \
			invalid input and failure handling, each test independent of the others, with shared setup in \
			fixtures and parameterised tests where only the data changes. You aim for at least 80% line coverage \
			of the code under test. Use the language and test framework of the task or context (pytest when \
			nothing says otherwise).

			Answer in exactly this format:

			## Test Plan
			- <what is tested, and the risks the tests address>

			## Test Cases
			1. <test_name>: <what it checks> (Type: unit|integration|e2e)

			## Test Code
			Each test file as its own fenced code block whose opening fence names the language and then the \
			file path, for example:
			```python tests/test_orders.py
			<complete file content>
			```

			## Coverage Analysis
			Estimated coverage: <number>%
			- <a gap: code or behaviour the tests do not cover>

			## Run Instructions
			1. <command or step>

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
		List<Markdown.Block> blocks = Markdown.blocks(sections.getOrDefault("code", ""));
		blocks = blocks.isEmpty() ? Markdown.blocks(answer) : blocks;
		String allCode = String.join("\n", blocks.stream().map(Markdown.Block::content).toList());
		List<Map<String, Object>> cases = cases(sections.getOrDefault("cases", ""));
		Set<String> types = new LinkedHashSet<>();
		cases.forEach((testCase) -> types.add((String) testCase.get("type")));
		types.remove("");
		Map<String, String> files = new LinkedHashMap<>();
		blocks.stream()
			.filter((block) -> !block.path().isEmpty())
			.forEach((block) -> files.put(block.path(), block.content()));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("test_plan", Markdown.items(sections.getOrDefault("plan", "")));
		result.put("test_cases", cases);
		result.put("test_code", blocks.isEmpty() ? "" : blocks.get(0).content());
		result.put("test_files", files);
		result.put("test_count", count(TEST.matcher(allCode)));
		result.put("test_types", new ArrayList<>(types));
		result.put("fixtures", fixtures(allCode));
		result.put("test_coverage", coverage(sections.getOrDefault("coverage", "")));
		result.put("run_instructions", Markdown.items(sections.getOrDefault("run", "")));
		result.put("citations", Citations.withNamed(retrieved, answer));
		return result;
	}

	private static List<Map<String, Object>> cases(String section) {
		List<Map<String, Object>> cases = new ArrayList<>();
		for (String item : Markdown.items(section)) {
			String type = "";
			Matcher typeMatcher = TYPE.matcher(item);
			String rest = item;
			if (typeMatcher.find()) {
				type = typeMatcher.group(1).toLowerCase(Locale.ROOT).replace("end-to-end", "e2e");
				rest = item.substring(0, typeMatcher.start()).strip();
			}
			Matcher name = NAME.matcher(rest);
			Map<String, Object> testCase = new LinkedHashMap<>();
			testCase.put("name", name.matches() ? name.group(1) : rest);
			testCase.put("description", name.matches() ? name.group(2).strip() : "");
			testCase.put("type", type);
			cases.add(testCase);
		}
		return cases;
	}

	private static Map<String, @Nullable Object> coverage(String section) {
		Matcher percent = PERCENT.matcher(section);
		@Nullable Integer estimated = percent.find() ? Math.min(100, Integer.parseInt(percent.group(1))) : null;
		List<String> gaps = new ArrayList<>();
		for (String item : Markdown.items(section)) {
			String lower = item.toLowerCase(Locale.ROOT);
			if (!(lower.contains("coverage") && PERCENT.matcher(item).find()) && !lower.equals("gaps:")
					&& !lower.equals("none")) {
				gaps.add(item.replaceFirst("(?i)^gap\\s*:\\s*", ""));
			}
		}
		Map<String, @Nullable Object> coverage = new LinkedHashMap<>();
		coverage.put("estimated", estimated);
		coverage.put("gaps", gaps);
		return coverage;
	}

	private static List<String> fixtures(String code) {
		Set<String> fixtures = new LinkedHashSet<>();
		Matcher fixture = FIXTURE.matcher(code);
		while (fixture.find()) {
			fixtures.add(fixture.group(1));
		}
		return new ArrayList<>(fixtures);
	}

	private static int count(Matcher matcher) {
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
