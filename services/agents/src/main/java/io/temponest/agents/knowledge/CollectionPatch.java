package io.temponest.agents.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /rag/collections/{id}}: the fields to change.
 *
 * @param name a new name
 * @param description a new description
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CollectionPatch(@Nullable String name, @Nullable String description) {

}
