/**
 * Similarity queries over a collection's chunks (pgvector, cosine), their results cached
 * in Redis until the collection's documents change.
 */
@NullMarked
package io.temponest.ingestion.query;

import org.jspecify.annotations.NullMarked;
