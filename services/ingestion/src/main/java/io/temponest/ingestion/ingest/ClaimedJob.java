package io.temponest.ingestion.ingest;

import java.util.UUID;

/**
 * A queued document version a worker of this instance claimed.
 *
 * @param id the job
 * @param tenantId the document's tenant
 * @param documentId the document
 * @param version the version to process
 * @param attempts this attempt's number, from 1
 */
record ClaimedJob(long id, UUID tenantId, UUID documentId, int version, int attempts) {

}
