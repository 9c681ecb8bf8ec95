package io.temponest.workers.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.temponest.workers.pipeline.ValidationResult;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a developer's output: enough citations, an implementation of at least 50
 * characters and tests of at least 20 (after trimming). A missing {@code code} counts as
 * an empty one; a {@code code} that is no object is not checked.
 */
final class OutputValidator {

	static final int MIN_IMPLEMENTATION = 50;

	static final int MIN_TESTS = 20;

	private OutputValidator() {
	}

	static ValidationResult validate(Map<String, Object> output, int minCitations) {
		List<String> errors = new ArrayList<>();
		int citations = (output.get("citations") instanceof List<?> list) ? list.size() : 0;
		if (citations < minCitations) {
			errors.add("Insufficient citations: found " + citations + ", need ≥" + minCitations);
		}
		Object code = output.getOrDefault("code", Map.of());
		if (code instanceof Map<?, ?> parts) {
			if (text(parts.get("implementation")).length() < MIN_IMPLEMENTATION) {
				errors.add("Implementation is missing or too short");
			}
			if (text(parts.get("tests")).length() < MIN_TESTS) {
				errors.add("Tests are missing or too short");
			}
		}
		return new ValidationResult(errors.isEmpty(), List.copyOf(errors));
	}

	private static String text(@Nullable Object value) {
		return (value instanceof String string) ? string.strip() : "";
	}

}
