package io.temponest.workers.activity;

import java.util.List;
import java.util.Map;

import io.temponest.workers.pipeline.ValidationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of a developer's output (the original's validation cases). */
class OutputValidatorTests {

	private static final String IMPLEMENTATION = "def handler(request):\n    return {'status': 'ok', 'items': []}\n";

	private static final String TESTS = "def test_handler():\n    assert handler(None)";

	@Test
	void validateWhenCompleteOutputThenValid() {
		ValidationResult result = OutputValidator.validate(Map.of("code",
				Map.of("implementation", IMPLEMENTATION, "tests", TESTS), "citations", List.of("a", "b")), 2);
		assertThat(result.valid()).isTrue();
		assertThat(result.errors()).isEmpty();
	}

	@Test
	void validateWhenOneCitationThenCitationsError() {
		ValidationResult result = OutputValidator.validate(
				Map.of("code", Map.of("implementation", IMPLEMENTATION, "tests", TESTS), "citations", List.of("a")), 2);
		assertThat(result.valid()).isFalse();
		assertThat(result.errors()).containsExactly("Insufficient citations: found 1, need ≥2");
	}

	@Test
	void validateWhenImplementationEmptyOrShortThenImplementationError() {
		for (String implementation : List.of("", "  x  ", "code")) {
			ValidationResult result = OutputValidator.validate(Map.of("code",
					Map.of("implementation", implementation, "tests", TESTS), "citations", List.of("a", "b")), 2);
			assertThat(result.errors()).containsExactly("Implementation is missing or too short");
		}
	}

	@Test
	void validateWhenTestsShortThenTestsError() {
		ValidationResult result = OutputValidator.validate(Map.of("code",
				Map.of("implementation", IMPLEMENTATION, "tests", "assert"), "citations", List.of("a", "b")), 2);
		assertThat(result.errors()).containsExactly("Tests are missing or too short");
	}

	@Test
	void validateWhenEverythingMissingThenThreeErrors() {
		assertThat(OutputValidator.validate(Map.of(), 2).errors()).hasSize(3);
		assertThat(OutputValidator.validate(Map.of("code", Map.of(), "citations", List.of()), 2).errors()).hasSize(3);
	}

	@Test
	void validateWhenNoCitationsRequiredThenOnlyTheCode() {
		assertThat(OutputValidator.validate(Map.of("code", Map.of("implementation", IMPLEMENTATION, "tests", TESTS)), 0)
			.valid()).isTrue();
	}

}
