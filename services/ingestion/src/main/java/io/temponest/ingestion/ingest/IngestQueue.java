package io.temponest.ingestion.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.ingestion.collection.CollectionNotFoundException;
import io.temponest.ingestion.collection.CollectionSettings;
import io.temponest.ingestion.collection.Collections;
import io.temponest.ingestion.embedding.Vectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue of document versions to process, in the database: enqueued in the transaction
 * that stores the document, claimed by workers of any instance with SKIP LOCKED, and
 * finished in one transaction that makes the version's chunks visible. Every method but
 * {@link #claim} joins a transaction of the document's tenant.
 */
@Component
public class IngestQueue {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final Collections collections;

	private final JsonMapper json;

	private final Clock clock;

	private final IngestProperties properties;

	IngestQueue(JdbcClient jdbc, JdbcTemplate batch, Collections collections, JsonMapper json, Clock clock,
			IngestProperties properties) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.collections = collections;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Queue a document version with its bytes. Joins the caller's transaction, so the
	 * document, its bytes and its job are stored together.
	 * @param tenantId the tenant
	 * @param documentId the document
	 * @param version the version
	 * @param content the bytes
	 */
	public void enqueue(UUID tenantId, UUID documentId, int version, byte[] content) {
		this.jdbc.sql("""
				INSERT INTO knowledge.document_contents (document_id, version, tenant_id, content)
				VALUES (:document, :version, :tenant, :content)""")
			.param("document", documentId)
			.param("version", version)
			.param("tenant", tenantId)
			.param("content", content)
			.update();
		this.jdbc.sql("""
				INSERT INTO knowledge.ingest_jobs (tenant_id, document_id, version, run_after)
				VALUES (:tenant, :document, :version, :now)""")
			.param("tenant", tenantId)
			.param("document", documentId)
			.param("version", version)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Claim due jobs of every tenant (no transaction of a tenant: a definer function).
	 * @param owner this worker's name
	 * @param limit the most jobs to claim
	 * @return the claimed jobs
	 */
	List<ClaimedJob> claim(String owner, int limit) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("SELECT * FROM knowledge.claim_ingest_jobs(:owner, :now, :limit, :leaseUntil)")
			.param("owner", owner)
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.param("leaseUntil", Timestamp.from(now.plus(this.properties.lease())))
			.query((rs, row) -> new ClaimedJob(rs.getLong("id"), rs.getObject("tenant_id", UUID.class),
					rs.getObject("document_id", UUID.class), rs.getInt("version"), rs.getInt("attempts")))
			.list();
	}

	/**
	 * Start processing a claimed job: the document becomes {@code processing}. A job
	 * whose document was deleted or has a newer version is dropped.
	 * @param job the claim
	 * @return what processing needs, empty when there is nothing to process
	 */
	Optional<WorkItem> begin(ClaimedJob job) {
		Optional<Row> row = this.jdbc.sql("""
				SELECT d.collection_id, d.filename, d.content_type, d.metadata::text AS metadata, c.content
				FROM knowledge.documents d
				JOIN knowledge.document_contents c ON c.document_id = d.id AND c.version = d.version
				WHERE d.id = :document AND d.version = :version""")
			.param("document", job.documentId())
			.param("version", job.version())
			.query((rs, n) -> new Row(rs.getObject("collection_id", UUID.class), rs.getString("filename"),
					rs.getString("content_type"), rs.getString("metadata"), rs.getBytes("content")))
			.optional();
		if (row.isEmpty()) {
			removeWork(job);
			return Optional.empty();
		}
		CollectionSettings collection;
		try {
			collection = this.collections.settings(row.get().collectionId());
		}
		catch (CollectionNotFoundException ex) {
			removeWork(job);
			return Optional.empty();
		}
		this.jdbc.sql("""
				UPDATE knowledge.documents SET status = 'processing', chunks_embedded = 0, chunk_count = 0, error = NULL
				WHERE id = :document AND version = :version""")
			.param("document", job.documentId())
			.param("version", job.version())
			.update();
		return Optional.of(new WorkItem(job, collection, row.get().filename(), row.get().contentType(),
				row.get().content(), this.json.readValue(row.get().metadata(), OBJECT)));
	}

	/**
	 * Record progress and renew the claim's lease.
	 * @param job the claim
	 * @param embedded chunks embedded so far
	 * @param total chunks of the version
	 * @return whether the claim is still this worker's
	 */
	boolean progress(ClaimedJob job, int embedded, int total) {
		int renewed = this.jdbc.sql("""
				UPDATE knowledge.ingest_jobs SET lease_expires_at = :leaseUntil
				WHERE id = :job AND attempts = :attempts""")
			.param("leaseUntil", Timestamp.from(this.clock.instant().plus(this.properties.lease())))
			.param("job", job.id())
			.param("attempts", job.attempts())
			.update();
		this.jdbc.sql("""
				UPDATE knowledge.documents SET chunks_embedded = :embedded, chunk_count = :total
				WHERE id = :document AND version = :version""")
			.param("embedded", embedded)
			.param("total", total)
			.param("document", job.documentId())
			.param("version", job.version())
			.update();
		return renewed == 1;
	}

	/**
	 * Finish a version: its chunks replace every older chunk of the document, the
	 * document becomes {@code ready}, its bytes and job are removed and the collection's
	 * cached query results are retired, all in the caller's transaction.
	 * @param item the work
	 * @param chunks the chunks' texts, in order
	 * @param vectors their embeddings
	 * @return false (and nothing written) when the claim is no longer this worker's or a
	 * newer version superseded this one
	 */
	boolean complete(WorkItem item, List<String> chunks, List<float[]> vectors) {
		ClaimedJob job = item.job();
		boolean stillOurs = this.jdbc.sql("""
				SELECT 1 FROM knowledge.ingest_jobs j JOIN knowledge.documents d ON d.id = j.document_id
				WHERE j.id = :job AND j.attempts = :attempts AND d.version = :version
				FOR UPDATE""")
			.param("job", job.id())
			.param("attempts", job.attempts())
			.param("version", job.version())
			.query(Integer.class)
			.optional()
			.isPresent();
		if (!stillOurs) {
			return false;
		}
		this.jdbc.sql("DELETE FROM knowledge.chunks WHERE document_id = :document")
			.param("document", job.documentId())
			.update();
		String metadata = this.json.writeValueAsString(item.metadata());
		CollectionSettings collection = item.collection();
		List<Object[]> rows = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			rows.add(new Object[] { job.tenantId(), collection.id(), job.documentId(), job.version(), i, chunks.get(i),
					metadata, collection.dimension(), Vectors.literal(vectors.get(i)) });
		}
		this.batch.batchUpdate("""
				INSERT INTO knowledge.chunks (tenant_id, collection_id, document_id, document_version, position,
					content, metadata, dimension, embedding)
				VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS public.vector))""", rows);
		this.jdbc.sql("""
				UPDATE knowledge.documents
				SET status = 'ready', chunk_count = :count, chunks_embedded = :count, error = NULL, indexed_at = :now
				WHERE id = :document""")
			.param("count", chunks.size())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("document", job.documentId())
			.update();
		removeWork(job);
		this.collections.changed(collection.id());
		return true;
	}

	/**
	 * The version cannot be processed: the document becomes {@code failed} with the
	 * reason, and nothing of this version is kept.
	 * @param job the claim
	 * @param reason why, for people
	 */
	void fail(ClaimedJob job, String reason) {
		this.jdbc.sql("""
				UPDATE knowledge.documents SET status = 'failed', error = :reason, chunks_embedded = 0
				WHERE id = :document AND version = :version""")
			.param("reason", reason)
			.param("document", job.documentId())
			.param("version", job.version())
			.update();
		removeWork(job);
	}

	/**
	 * Processing failed for a passing reason: the job waits and is tried again by any
	 * instance; the document is {@code queued} again.
	 * @param job the claim
	 * @param reason why
	 * @param runAfter when to try again
	 */
	void retryLater(ClaimedJob job, String reason, Instant runAfter) {
		this.jdbc.sql("""
				UPDATE knowledge.ingest_jobs
				SET run_after = :runAfter, leased_by = NULL, lease_expires_at = NULL, last_error = :reason
				WHERE id = :job AND attempts = :attempts""")
			.param("runAfter", Timestamp.from(runAfter))
			.param("reason", reason)
			.param("job", job.id())
			.param("attempts", job.attempts())
			.update();
		this.jdbc.sql("""
				UPDATE knowledge.documents SET status = 'queued', chunks_embedded = 0, chunk_count = 0
				WHERE id = :document AND version = :version""")
			.param("document", job.documentId())
			.param("version", job.version())
			.update();
	}

	/**
	 * Hand a claim back unprocessed: any worker may claim it again at once.
	 * @param job the claim
	 */
	void release(ClaimedJob job) {
		this.jdbc.sql("""
				UPDATE knowledge.ingest_jobs SET leased_by = NULL, lease_expires_at = NULL
				WHERE id = :job AND attempts = :attempts""")
			.param("job", job.id())
			.param("attempts", job.attempts())
			.update();
	}

	private void removeWork(ClaimedJob job) {
		this.jdbc.sql("DELETE FROM knowledge.document_contents WHERE document_id = :document AND version = :version")
			.param("document", job.documentId())
			.param("version", job.version())
			.update();
		this.jdbc.sql("DELETE FROM knowledge.ingest_jobs WHERE id = :job").param("job", job.id()).update();
	}

	private record Row(UUID collectionId, String filename, String contentType, String metadata, byte[] content) {

	}

}
