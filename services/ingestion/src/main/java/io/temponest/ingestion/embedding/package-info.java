/**
 * Embedding models: the in-process default (all-MiniLM-L6-v2, offline) and, by
 * configuration, models served by Ollama or an OpenAI-compatible endpoint.
 */
@NullMarked
package io.temponest.ingestion.embedding;

import org.jspecify.annotations.NullMarked;
