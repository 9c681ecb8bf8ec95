package io.temponest.agents.collaboration;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /collaboration/templates/{id}/execute}.
 *
 * @param input the feature, code or project the template works on
 * @param context passed to every step, next to the template's own
 */
record TemplateRequest(@NotBlank @Size(max = 50_000) String input, @Nullable Map<String, Object> context) {

}
