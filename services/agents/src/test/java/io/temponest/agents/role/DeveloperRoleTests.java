package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The developer's answers read into code, file map and setup instructions. */
class DeveloperRoleTests {

	@Test
	void parseWhenNamedFilesAndJsonSummaryThenCodeAndFileMap() {
		String answer = """
				```python src/orders/api.py
				from fastapi import APIRouter

				router = APIRouter()

				@router.get("/orders/{order_id}")
				def get_order(order_id: int) -> dict:
				    return {"id": order_id}
				```

				```python tests/test_api.py
				def test_get_order():
				    assert get_order(1) == {"id": 1}
				```

				```sql migrations/001_orders.sql
				CREATE TABLE orders (id BIGINT PRIMARY KEY);
				```

				```json
				{
				  "implementation": "A FastAPI router in src/orders/api.py",
				  "tests": "tests/test_api.py covers the lookup",
				  "migrations": "migrations/001_orders.sql creates orders",
				  "setup_instructions": ["pip install fastapi", "Run the migration"]
				}
				```
				""";
		Map<String, Object> result = AgentRole.DEVELOPER.parse(answer);
		assertThat(result.keySet()).containsExactly("code", "file_map", "setup_instructions", "citations",
				"raw_output");
		assertThat(result.get("code"))
			.isEqualTo(Map.of("implementation", "A FastAPI router in src/orders/api.py", "tests",
					"tests/test_api.py covers the lookup", "migrations", "migrations/001_orders.sql creates orders",
					"setup_instructions", List.of("pip install fastapi", "Run the migration")));
		@SuppressWarnings("unchecked")
		Map<String, String> files = (Map<String, String>) result.get("file_map");
		assertThat(files.keySet()).containsExactly("src/orders/api.py", "tests/test_api.py",
				"migrations/001_orders.sql");
		assertThat(files.get("src/orders/api.py")).startsWith("from fastapi import APIRouter\n")
			.endsWith("    return {\"id\": order_id}");
		assertThat(files.get("migrations/001_orders.sql")).isEqualTo("CREATE TABLE orders (id BIGINT PRIMARY KEY);");
		assertThat(result.get("setup_instructions")).isEqualTo(List.of("pip install fastapi", "Run the migration"));
	}

	@Test
	void parseWhenCodeInsideJsonWithProseAroundThenFieldsAndDefaultPaths() {
		String answer = """
				Here is the implementation you asked for:

				{"implementation": "def add(a, b):\\n    return a + b", "tests": "def test_add():\\n    assert add(1, 2) == 3",
				 "migrations": "", "setup_instructions": "Nothing to install", "citations_used": [1]}

				Hope this helps!
				""";
		Map<String, Object> result = AgentRole.DEVELOPER.parse(answer);
		assertThat(result.get("code")).isEqualTo(Map.of("implementation", "def add(a, b):\n    return a + b", "tests",
				"def test_add():\n    assert add(1, 2) == 3", "migrations", "", "setup_instructions",
				List.of("Nothing to install")));
		assertThat(result.get("file_map")).isEqualTo(Map.of("src/implementation.py", "def add(a, b):\n    return a + b",
				"tests/test_implementation.py", "def test_add():\n    assert add(1, 2) == 3"));
	}

	@Test
	void parseWhenJsonHasRawLineBreaksAndTrailingCommaThenStillRead() {
		String answer = """
				```json
				{
				  "implementation": "export const sum = (a: number, b: number) => a + b;
				export interface Pair { a: number; b: number }",
				  "tests": "",
				  "setup_instructions": ["npm install",],
				}
				```
				""";
		Map<String, Object> result = AgentRole.DEVELOPER.parse(answer);
		@SuppressWarnings("unchecked")
		Map<String, Object> code = (Map<String, Object>) result.get("code");
		assertThat(code.get("implementation")).isEqualTo(
				"export const sum = (a: number, b: number) => a + b;\nexport interface Pair { a: number; b: number }");
		assertThat(code.get("setup_instructions")).isEqualTo(List.of("npm install"));
		assertThat(result.get("file_map")).isEqualTo(Map.of("src/implementation.ts", code.get("implementation")));
	}

	@Test
	void parseWhenFileMarkersAndPathLinesThenNamedFiles() {
		String answer = """
				**`src/main/java/app/Greeter.java`**
				```java
				package app;

				public class Greeter {
				}
				```

				```java
				// File: src/test/java/app/GreeterTests.java
				class GreeterTests {
				}
				```

				```
				# file: scripts/setup.sh
				echo ready
				```
				""";
		Map<String, Object> result = AgentRole.DEVELOPER.parse(answer);
		assertThat(result.get("file_map")).isEqualTo(Map.of("src/main/java/app/Greeter.java",
				"package app;\n\npublic class Greeter {\n}", "src/test/java/app/GreeterTests.java",
				"class GreeterTests {\n}", "scripts/setup.sh", "echo ready"));
		@SuppressWarnings("unchecked")
		Map<String, Object> code = (Map<String, Object>) result.get("code");
		assertThat(code.get("implementation")).isEqualTo(answer.strip());
	}

	@Test
	void parseWhenNoJsonThenUnnamedBlocksAreImplementationTestsMigrations() {
		String answer = """
				The service:
				```java
				class Service {}
				```
				Its test:
				```java
				class ServiceTests {}
				```
				The schema:
				```sql
				CREATE TABLE t (id INT);
				```
				Setup instructions:
				1. Run the migration
				2. Start the app
				""";
		Map<String, Object> result = AgentRole.DEVELOPER.parse(answer);
		assertThat(result.get("code"))
			.isEqualTo(Map.of("implementation", "class Service {}", "tests", "class ServiceTests {}", "migrations",
					"CREATE TABLE t (id INT);", "setup_instructions", List.of("Run the migration", "Start the app")));
		assertThat(result.get("file_map"))
			.isEqualTo(Map.of("src/implementation.java", "class Service {}", "tests/test_implementation.java",
					"class ServiceTests {}", "migrations/001_initial.sql", "CREATE TABLE t (id INT);"));
	}

	@Test
	void parseWhenJavaCodeBeforeTheJsonThenBracesInCodeAreSkipped() {
		String answer = """
				```java src/A.java
				class A { void a() { if (true) { } } }
				```
				{"implementation": "A", "tests": "", "migrations": "", "setup_instructions": []}
				""";
		@SuppressWarnings("unchecked")
		Map<String, Object> code = (Map<String, Object>) AgentRole.DEVELOPER.parse(answer).get("code");
		assertThat(code.get("implementation")).isEqualTo("A");
	}

	@Test
	void parseWhenProseOnlyThenImplementationIsTheTextAndNoFiles() {
		String answer = "I would use a message queue here; what throughput do you expect?";
		Map<String, Object> result = AgentRole.DEVELOPER.parse(answer);
		assertThat(result.get("code")).isEqualTo(
				Map.of("implementation", answer, "tests", "", "migrations", "", "setup_instructions", List.of()));
		assertThat(result.get("file_map")).isEqualTo(Map.of());
		assertThat(result.get("setup_instructions")).isEqualTo(List.of());
	}

	@Test
	void parseWhenBrokenJsonThenFallbackWithoutThrowing() {
		String answer = "{\"implementation\": \"def f(:\n  \"tests\": [unclosed";
		Map<String, Object> result = AgentRole.DEVELOPER.parse(answer);
		@SuppressWarnings("unchecked")
		Map<String, Object> code = (Map<String, Object>) result.get("code");
		assertThat(code.get("implementation")).isEqualTo(answer);
		assertThat(result.get("raw_output")).isEqualTo(answer);
	}

	@Test
	void parseWhenEmptyThenEmptyStructure() {
		assertThat(AgentRole.DEVELOPER.parse("")).isEqualTo(Map.of("code",
				Map.of("implementation", "", "tests", "", "migrations", "", "setup_instructions", List.of()),
				"file_map", Map.of(), "setup_instructions", List.of(), "citations", List.of(), "raw_output", ""));
	}

}
