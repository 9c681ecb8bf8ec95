package io.temponest.ingestion.document;

import java.util.Map;

/**
 * A file of the watched folder.
 *
 * @param source its path relative to the folder, with {@code /} separators
 * @param filename its file name
 * @param contentType the content type of its document type
 * @param metadata what is stored with it: its size and modification time, which tell a
 * changed file without reading it
 */
public record WatchedFile(String source, String filename, String contentType, Map<String, Object> metadata) {

}
