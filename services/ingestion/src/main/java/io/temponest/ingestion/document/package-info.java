/**
 * Documents of a collection: uploads (queued for processing, answered at once), their
 * status and progress, and removal.
 */
@NullMarked
package io.temponest.ingestion.document;

import org.jspecify.annotations.NullMarked;
