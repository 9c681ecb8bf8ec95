/**
 * The ingestion queue and its workers: each queued document version is parsed, chunked
 * and embedded, and its chunks become visible together.
 */
@NullMarked
package io.temponest.ingestion.ingest;

import org.jspecify.annotations.NullMarked;
