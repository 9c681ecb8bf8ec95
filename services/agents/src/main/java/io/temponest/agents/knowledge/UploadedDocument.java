package io.temponest.agents.knowledge;

/**
 * The answer to an upload: the document, and whether it was queued for indexing (202) or
 * the collection already held the same content (200).
 *
 * @param document the document
 * @param queued whether it was queued
 */
record UploadedDocument(KnowledgeDocument document, boolean queued) {

}
