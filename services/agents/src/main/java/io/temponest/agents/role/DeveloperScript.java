package io.temponest.agents.role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The developer: files as named code blocks and a closing JSON summary. Result:
 * {@code code} {implementation, tests, migrations, setup_instructions} from the answer's
 * JSON object, {@code file_map} {path: content} from the named code blocks,
 * {@code setup_instructions}, {@code citations} (the retrieved ones).
 * <p>
 * Without a JSON object the unnamed code blocks become implementation, tests and
 * migrations in that order; without those the whole answer is the implementation. When no
 * block names a file, {@code file_map} holds the code fields under
 * {@code src/implementation.<ext>}, {@code tests/test_implementation.<ext>} and
 * {@code migrations/001_initial.sql} (not when the implementation is the whole answer).
 */
final class DeveloperScript implements RoleScript {

	private static final List<String> KEYS = List.of("implementation", "tests", "migrations", "setup_instructions");

	private static final Map<String, String> SECTIONS = Map.of("setup instructions", "setup", "setup", "setup");

	private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("python", "py"),
			Map.entry("py", "py"), Map.entry("java", "java"), Map.entry("kotlin", "kt"), Map.entry("typescript", "ts"),
			Map.entry("ts", "ts"), Map.entry("tsx", "tsx"), Map.entry("javascript", "js"), Map.entry("js", "js"),
			Map.entry("jsx", "jsx"), Map.entry("sql", "sql"), Map.entry("go", "go"), Map.entry("rust", "rs"),
			Map.entry("ruby", "rb"), Map.entry("csharp", "cs"));

	private static final String SYSTEM = """
			You are a senior full-stack developer. You write complete, production-ready code: clear structure, \
			input validation, error handling, comments where the code is not obvious, and automated tests for \
			every behaviour. You write database migrations whenever the schema changes, and you follow the \
			conventions of the context and of the knowledge-base excerpts when they are given.

			Answer in exactly this format:

			1. Every file of the solution (source, tests, migrations, configuration) as its own fenced code block. \
			The opening fence names the language and then the file path, for example:
			```python src/orders/service.py
			<complete file content>
			```
			2. After the files, one JSON object in a ```json block, with these keys:
			{
			  "implementation": "<what you built and which files hold it>",
			  "tests": "<what the tests cover and which files hold them>",
			  "migrations": "<the schema changes and which files hold them, or an empty string>",
			  "setup_instructions": ["<step>", "<step>"]
			}

			Write every file in full, never with placeholders such as "rest of the code here". Put no other text \
			between or after these parts.
			""";

	@Override
	public String system() {
		return SYSTEM;
	}

	@Override
	public Map<String, Object> parse(String answer, List<Citation> retrieved) {
		List<Markdown.Block> blocks = Markdown.blocks(answer)
			.stream()
			.filter((block) -> !block.path().isEmpty() || !block.language().equals("json"))
			.toList();
		Optional<Map<String, Object>> json = Json.firstObject(answer)
			.filter((object) -> KEYS.stream().anyMatch(object::containsKey));
		List<Markdown.Block> unnamed = blocks.stream().filter((block) -> block.path().isEmpty()).toList();
		Map<String, Object> code = new LinkedHashMap<>();
		boolean wholeAnswer = false;
		if (json.isPresent()) {
			code.put("implementation", Json.text(json.get().get("implementation")));
			code.put("tests", Json.text(json.get().get("tests")));
			code.put("migrations", Json.text(json.get().get("migrations")));
			code.put("setup_instructions", Json.texts(json.get().get("setup_instructions")));
		}
		else {
			wholeAnswer = unnamed.isEmpty();
			code.put("implementation", wholeAnswer ? answer.strip() : unnamed.get(0).content());
			code.put("tests", (unnamed.size() > 1) ? unnamed.get(1).content() : "");
			code.put("migrations", (unnamed.size() > 2) ? unnamed.get(2).content() : "");
			code.put("setup_instructions",
					Markdown.items(Markdown.sections(answer, SECTIONS).getOrDefault("setup", "")));
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("code", code);
		result.put("file_map", fileMap(blocks, code, unnamed, wholeAnswer));
		result.put("setup_instructions", new ArrayList<>((List<?>) code.get("setup_instructions")));
		result.put("citations", Citations.retrieved(retrieved));
		return result;
	}

	private static Map<String, String> fileMap(List<Markdown.Block> blocks, Map<String, Object> code,
			List<Markdown.Block> unnamed, boolean wholeAnswer) {
		Map<String, String> files = new LinkedHashMap<>();
		blocks.stream()
			.filter((block) -> !block.path().isEmpty())
			.forEach((block) -> files.put(block.path(), block.content()));
		if (!files.isEmpty() || wholeAnswer) {
			return files;
		}
		String implementation = (String) code.get("implementation");
		String tests = (String) code.get("tests");
		String migrations = (String) code.get("migrations");
		if (!implementation.isBlank()) {
			files.put("src/implementation." + extension(implementation, unnamed, 0), implementation);
		}
		if (!tests.isBlank()) {
			files.put("tests/test_implementation." + extension(tests, unnamed, 1), tests);
		}
		if (!migrations.isBlank()) {
			files.put("migrations/001_initial.sql", migrations);
		}
		return files;
	}

	/** The extension of a block's language, else a guess from the code. */
	private static String extension(String code, List<Markdown.Block> unnamed, int index) {
		if (index < unnamed.size() && unnamed.get(index).content().equals(code)) {
			String known = EXTENSIONS.get(unnamed.get(index).language());
			if (known != null) {
				return known;
			}
		}
		boolean script = code.contains("function") || code.contains("const ") || code.contains("import ");
		if (code.contains("def ")) {
			return "py";
		}
		if (code.contains("package ") && code.contains("class ") && code.contains(";")) {
			return "java";
		}
		if (script && code.contains("interface ")) {
			return "ts";
		}
		if (code.contains("function") || code.contains("const ")) {
			return "js";
		}
		return code.contains("import ") ? "py" : "txt";
	}

}
