/**
 * {@code GET /health} (database, cache, LLM providers, the roles' models) and the
 * application counters of {@code GET /api/metrics}.
 */
@NullMarked
package io.temponest.agents.health;

import org.jspecify.annotations.NullMarked;
