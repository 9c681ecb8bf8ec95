package io.temponest.agents.knowledge;

import java.util.List;

/**
 * The excerpts of a collection that best match a query, best first.
 *
 * @param chunks the excerpts
 * @param query the query
 * @param collectionId the collection
 * @param totalResults how many excerpts there are
 */
record QueryResult(List<RetrievedChunk> chunks, String query, String collectionId, int totalResults) {

}
