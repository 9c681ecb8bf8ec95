package io.temponest.ingestion.collection;

import java.util.List;

/**
 * A page of collections with {@code page}/{@code page_size} paging.
 *
 * @param collections the collections of the page
 * @param total how many match
 * @param page the page number, from 1
 * @param pageSize the page size
 */
record CollectionPage(List<KnowledgeCollection> collections, long total, int page, int pageSize) {

}
