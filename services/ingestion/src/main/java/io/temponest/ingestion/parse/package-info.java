/**
 * Uploaded bytes into text: the document type from name, declared content type and magic
 * bytes, and text extraction from PDF, DOCX, Markdown, HTML and plain text with limits
 * against oversized documents and zip bombs.
 */
@NullMarked
package io.temponest.ingestion.parse;

import org.jspecify.annotations.NullMarked;
