package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The QA tester's answers read into plan, cases, code, coverage and citations. */
class QaTesterRoleTests {

	private static final String WELL_FORMED = """
			## Test Plan
			- Validate the order total calculation, including discounts
			- Check rejected input: negative quantities, unknown products

			## Test Cases
			1. test_total_without_discount: sums line prices (Type: unit)
			2. test_negative_quantity_rejected: raises ValueError (Type: unit)
			3. test_checkout_persists_order: order row written (Type: integration)

			## Test Code
			```python tests/test_orders.py
			import pytest

			@pytest.fixture
			def cart():
			    return Cart()

			@pytest.fixture(scope="module")
			async def db():
			    yield Database()

			def test_total_without_discount(cart):
			    assert cart.total() == 0

			@pytest.mark.parametrize("qty", [-1, -5])
			def test_negative_quantity_rejected(cart, qty):
			    with pytest.raises(ValueError):
			        cart.add("apple", qty)

			async def test_checkout_persists_order(db):
			    assert await db.count() == 1
			```

			## Coverage Analysis
			Estimated coverage: 87%
			- Gap: currency rounding is not tested
			- Gap: concurrent checkouts

			## Run Instructions
			1. pip install pytest pytest-asyncio
			2. pytest -q tests/test_orders.py

			## Citations
			- [Citation 1] pytest-guide.md (v7.4)
			- [Test Pattern 2] fixtures.md (v1.0)
			""";

	@Test
	void parseWhenWellFormedThenEveryPart() {
		Map<String, Object> result = AgentRole.QA_TESTER.parse(WELL_FORMED);
		assertThat(result.keySet()).containsExactly("test_plan", "test_cases", "test_code", "test_files", "test_count",
				"test_types", "fixtures", "test_coverage", "run_instructions", "citations", "raw_output");
		assertThat(result.get("test_plan"))
			.isEqualTo(List.of("Validate the order total calculation, including discounts",
					"Check rejected input: negative quantities, unknown products"));
		assertThat(result.get("test_cases"))
			.isEqualTo(List.of(testCase("test_total_without_discount", "sums line prices", "unit"),
					testCase("test_negative_quantity_rejected", "raises ValueError", "unit"),
					testCase("test_checkout_persists_order", "order row written", "integration")));
		assertThat((String) result.get("test_code")).startsWith("import pytest\n").endsWith("== 1");
		assertThat(result.get("test_files")).isEqualTo(Map.of("tests/test_orders.py", result.get("test_code")));
		assertThat(result.get("test_count")).isEqualTo(3);
		assertThat(result.get("test_types")).isEqualTo(List.of("unit", "integration"));
		assertThat(result.get("fixtures")).isEqualTo(List.of("cart", "db"));
		assertThat(result.get("test_coverage")).isEqualTo(
				Map.of("estimated", 87, "gaps", List.of("currency rounding is not tested", "concurrent checkouts")));
		assertThat(result.get("run_instructions"))
			.isEqualTo(List.of("pip install pytest pytest-asyncio", "pytest -q tests/test_orders.py"));
		assertThat(result.get("citations"))
			.isEqualTo(List.of(named("pytest-guide.md", "7.4"), named("fixtures.md", "1.0")));
	}

	@Test
	void parseWhenJunitAndBoldLabelsThenCountsTestsAndSetUpMethods() {
		String answer = """
				**Test plan:**
				* Cover the happy path and invalid ids

				**Test cases:**
				- `findByIdWhenMissingThenEmpty` - returns empty for an unknown id (integration)
				- checks the mapper

				**Test code:**
				```java
				class OrderRepositoryTests {

					@BeforeEach
					void setUp() {
					}

					@Test
					void findByIdWhenMissingThenEmpty() {
					}

					@ParameterizedTest
					@ValueSource(ints = {1, 2})
					void findById(int id) {
					}
				}
				```

				**Coverage:** about 70% of the repository; no gaps listed.
				""";
		Map<String, Object> result = AgentRole.QA_TESTER.parse(answer);
		assertThat(result.get("test_plan")).isEqualTo(List.of("Cover the happy path and invalid ids"));
		assertThat(result.get("test_cases")).isEqualTo(
				List.of(testCase("findByIdWhenMissingThenEmpty", "returns empty for an unknown id", "integration"),
						testCase("checks the mapper", "", "")));
		assertThat(result.get("test_count")).isEqualTo(2);
		assertThat(result.get("fixtures")).isEqualTo(List.of("setUp"));
		assertThat(result.get("test_types")).isEqualTo(List.of("integration"));
		assertThat(result.get("test_files")).isEqualTo(Map.of());
		assertThat(result.get("test_coverage"))
			.isEqualTo(Map.of("estimated", 70, "gaps", List.of("about 70% of the repository; no gaps listed.")));
	}

	@Test
	void parseWhenCodeOutsideSectionsThenFirstBlockOfTheAnswer() {
		String answer = "Tests below.\n```js\ntest('adds', () => expect(add(1, 2)).toBe(3));\nit(\"subtracts\", () => {});\n```";
		Map<String, Object> result = AgentRole.QA_TESTER.parse(answer);
		assertThat(result.get("test_code"))
			.isEqualTo("test('adds', () => expect(add(1, 2)).toBe(3));\nit(\"subtracts\", () => {});");
		assertThat(result.get("test_count")).isEqualTo(2);
		assertThat(result.get("test_coverage")).isEqualTo(coverage(null));
	}

	@Test
	void parseWhenEmptyThenEmptyStructure() {
		Map<String, Object> result = AgentRole.QA_TESTER.parse("");
		assertThat(result.get("test_plan")).isEqualTo(List.of());
		assertThat(result.get("test_cases")).isEqualTo(List.of());
		assertThat(result.get("test_code")).isEqualTo("");
		assertThat(result.get("test_files")).isEqualTo(Map.of());
		assertThat(result.get("test_count")).isEqualTo(0);
		assertThat(result.get("test_types")).isEqualTo(List.of());
		assertThat(result.get("fixtures")).isEqualTo(List.of());
		assertThat(result.get("test_coverage")).isEqualTo(coverage(null));
		assertThat(result.get("run_instructions")).isEqualTo(List.of());
		assertThat(result.get("citations")).isEqualTo(List.of());
	}

	@Test
	void parseWhenGarbageThenEmptyPartsAndRawOutput() {
		String answer = "}}}{{{ ``` [Citation] (v) %%% ## ### def test_";
		Map<String, Object> result = AgentRole.QA_TESTER.parse(answer);
		assertThat(result.get("test_cases")).isEqualTo(List.of());
		assertThat(result.get("test_count")).isEqualTo(0);
		assertThat(result.get("citations")).isEqualTo(List.of());
		assertThat(result.get("raw_output")).isEqualTo(answer);
	}

	static Map<String, Object> testCase(String name, String description, String type) {
		return Map.of("name", name, "description", description, "type", type);
	}

	static Map<String, Object> named(String source, String version) {
		return Map.of("source", source, "version", version, "score", 0.85, "content", "");
	}

	private static Map<String, Object> coverage(Integer estimated) {
		Map<String, Object> coverage = new java.util.LinkedHashMap<>();
		coverage.put("estimated", estimated);
		coverage.put("gaps", List.of());
		return coverage;
	}

}
