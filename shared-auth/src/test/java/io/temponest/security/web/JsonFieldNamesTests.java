package io.temponest.security.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JsonFieldNames}: validation errors name fields as clients send them. */
class JsonFieldNamesTests {

	private final JsonFieldNames snakeCase = new JsonFieldNames(PropertyNamingStrategies.SNAKE_CASE);

	private final JsonFieldNames javaNames = new JsonFieldNames(null);

	@Test
	void ofWhenNamingStrategyThenTranslated() {
		assertThat(this.snakeCase.of(Body.class, "timeoutSeconds")).isEqualTo("timeout_seconds");
		assertThat(this.snakeCase.of(null, "maxRetries")).isEqualTo("max_retries");
	}

	@Test
	void ofWhenJsonPropertyThenItsNameWins() {
		assertThat(this.snakeCase.of(Body.class, "active")).isEqualTo("is_active");
		assertThat(this.javaNames.of(Body.class, "active")).isEqualTo("is_active");
		assertThat(this.javaNames.of(Plain.class, "fullName")).isEqualTo("full_name");
	}

	@Test
	void ofWhenNestedPathThenFirstSegmentNamedAndRestKept() {
		assertThat(this.snakeCase.of(Body.class, "taskItems[0].name")).isEqualTo("task_items[0].name");
		assertThat(this.javaNames.of(Body.class, "timeoutSeconds")).isEqualTo("timeoutSeconds");
	}

	record Body(int timeoutSeconds, @JsonProperty("is_active") boolean active, java.util.List<String> taskItems) {

	}

	static class Plain {

		@JsonProperty("full_name")
		String fullName;

	}

}
