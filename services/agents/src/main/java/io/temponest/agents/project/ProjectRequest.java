package io.temponest.agents.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A new project; without a slug, one is made of the name.
 *
 * @param name its display name
 * @param slug its name in paths (lower-case words joined by hyphens)
 * @param description what it is about
 * @param type single (the default) or portfolio
 * @param repoUrl its repository (an http or https URL)
 */
record ProjectRequest(@NotBlank @Size(max = 255) String name,
		@Size(max = 100) @Pattern(regexp = Slugs.PATTERN,
				message = "must be lower-case letters and digits in words joined by hyphens") @Nullable String slug,
		@Size(max = 10_000) @Nullable String description,
		@Pattern(regexp = "single|portfolio", message = "must be single or portfolio") @Nullable String type,
		@Size(max = 2048) @Pattern(regexp = "https?://[^\\s]+",
				message = "must be an http or https URL") @Nullable String repoUrl) {

}
