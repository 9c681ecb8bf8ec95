package io.temponest.ingestion.parse;

/**
 * The text extracted from a document.
 *
 * @param text the extracted text, never blank, lines separated by {@code \n}
 * @param pages the number of pages for a PDF; 1 for formats without pages
 */
public record ParsedText(String text, int pages) {

}
