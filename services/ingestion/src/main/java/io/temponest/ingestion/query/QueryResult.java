package io.temponest.ingestion.query;

import java.util.List;
import java.util.UUID;

/**
 * The answer of a query: the chunks most similar to it, best first.
 *
 * @param chunks the chunks
 * @param query the query
 * @param collectionId the collection
 * @param totalResults how many chunks were returned
 */
record QueryResult(List<RetrievedChunk> chunks, String query, UUID collectionId, int totalResults) {

}
