package io.temponest.agents.knowledge;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The documented multipart form of a document upload (forwarded to the ingestion service
 * as it arrives, never parsed here).
 *
 * @param file the document: any content type, up to the maximum document size
 * @param metadata a JSON object as text (a Python dict's repr is accepted too)
 */
record UploadForm(@Schema(type = "string", format = "binary") String file, @Nullable String metadata) {

}
