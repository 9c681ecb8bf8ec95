package io.temponest.ingestion.collection;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /rag/collections/{id}}: the fields to change; null fields
 * stay.
 *
 * @param name a new name, unique in the tenant
 * @param description a new description
 */
record CollectionPatch(@Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*") @Nullable String name,
		@Size(max = 2000) @Nullable String description) {

}
