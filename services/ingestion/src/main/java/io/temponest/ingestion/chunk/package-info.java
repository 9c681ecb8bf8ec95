/**
 * Text into overlapping chunks of a bounded number of characters, cut at paragraph,
 * sentence or word boundaries, ready to be embedded.
 */
@NullMarked
package io.temponest.ingestion.chunk;

import org.jspecify.annotations.NullMarked;
