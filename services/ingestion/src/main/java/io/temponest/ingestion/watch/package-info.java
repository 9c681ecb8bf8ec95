/**
 * The watched folder: its new, changed and deleted files kept in step with one collection
 * of one tenant.
 */
@NullMarked
package io.temponest.ingestion.watch;

import org.jspecify.annotations.NullMarked;
