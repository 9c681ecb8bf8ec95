/**
 * The ingestion service: collections of documents per tenant, parsed, chunked and
 * embedded into pgvector by queued workers, and similarity queries over them.
 */
@NullMarked
package io.temponest.ingestion;

import org.jspecify.annotations.NullMarked;
