package io.temponest.agents.knowledge;

import java.util.List;

/**
 * A page of collections, for {@code page}/{@code page_size}.
 *
 * @param collections the collections of the page
 * @param total how many collections match
 * @param page the page, from 1
 * @param pageSize the page's size
 */
record CollectionPage(List<KnowledgeCollection> collections, long total, int page, int pageSize) {

}
