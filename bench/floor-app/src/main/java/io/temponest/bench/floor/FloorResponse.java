package io.temponest.bench.floor;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

/**
 * Tiny JSON body returned by the floor endpoints.
 *
 * @param status always {@code ok}
 * @param subject the token subject on the secured endpoint, absent on the bare one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FloorResponse(String status, @Nullable String subject) {
}
