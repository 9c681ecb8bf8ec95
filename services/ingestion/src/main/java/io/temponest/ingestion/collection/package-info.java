/**
 * Knowledge collections: a tenant's named sets of documents, each embedded by one model
 * and chunked by one policy, fixed at creation.
 */
@NullMarked
package io.temponest.ingestion.collection;

import org.jspecify.annotations.NullMarked;
