package io.temponest.ingestion.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.ingestion.collection.CollectionSettings;
import io.temponest.ingestion.collection.Collections;
import io.temponest.ingestion.ingest.IngestQueue;
import io.temponest.security.Sha256;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The documents of the tenant's collections. A stored document version is queued with its
 * bytes in the same transaction; its chunks appear when a worker has processed it.
 */
@Service
@Transactional
public class Documents {

	private static final String COLUMNS = """
			id, collection_id, filename, source, content_type, size_bytes, status::text AS status, version,
			chunk_count, chunks_embedded, error, metadata::text AS metadata, created_at, updated_at, indexed_at
			""";

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Collections collections;

	private final IngestQueue queue;

	private final JsonMapper json;

	Documents(JdbcClient jdbc, Collections collections, IngestQueue queue, JsonMapper json) {
		this.jdbc = jdbc;
		this.collections = collections;
		this.queue = queue;
		this.json = json;
	}

	/**
	 * The outcome of storing a document.
	 *
	 * @param document the document
	 * @param queued whether a new version was queued (false: the same content was there
	 * already)
	 */
	record Stored(KnowledgeDocument document, boolean queued) {

	}

	/**
	 * Store an upload and queue it; the same content uploaded again to the collection
	 * gives the document already there (unless it failed).
	 */
	Stored upload(UUID tenantId, @Nullable UUID userId, UUID collectionId, String filename, String contentType,
			byte[] content, Map<String, Object> metadata) {
		CollectionSettings collection = this.collections.settings(collectionId);
		String hash = Sha256.hex(content);
		Optional<UUID> same = this.jdbc.sql("""
				SELECT id FROM knowledge.documents
				WHERE collection_id = :collection AND origin = 'upload' AND content_hash = :hash AND status <> 'failed'
				ORDER BY created_at LIMIT 1""")
			.param("collection", collection.id())
			.param("hash", hash)
			.query(UUID.class)
			.optional();
		if (same.isPresent()) {
			return new Stored(get(same.get()), false);
		}
		UUID id = this.jdbc.sql("""
				INSERT INTO knowledge.documents (tenant_id, collection_id, origin, filename, source, content_type,
					size_bytes, content_hash, metadata, created_by)
				VALUES (:tenant, :collection, 'upload', :filename, :filename, :contentType, :size, :hash,
					CAST(:metadata AS jsonb), :createdBy)
				RETURNING id""")
			.param("tenant", tenantId)
			.param("collection", collection.id())
			.param("filename", filename)
			.param("contentType", contentType)
			.param("size", content.length)
			.param("hash", hash)
			.param("metadata", this.json.writeValueAsString(metadata))
			.param("createdBy", userId)
			.query(UUID.class)
			.single();
		this.queue.enqueue(tenantId, id, 1, content);
		return new Stored(get(id), true);
	}

	/**
	 * Store a watched file: a new file becomes a document, a changed one (another content
	 * hash) a new version of its document; an unchanged one is left alone. Joins the
	 * caller's transaction of the collection's tenant.
	 * @param collection the watched folder's collection
	 * @param file the file
	 * @param content its bytes
	 * @return whether a version was queued
	 */
	public boolean storeWatchedFile(CollectionSettings collection, WatchedFile file, byte[] content) {
		String hash = Sha256.hex(content);
		String metadata = this.json.writeValueAsString(file.metadata());
		Optional<Existing> existing = this.jdbc.sql("""
				SELECT id, version, content_hash FROM knowledge.documents
				WHERE collection_id = :collection AND origin = 'folder' AND source = :source FOR UPDATE""")
			.param("collection", collection.id())
			.param("source", file.source())
			.query((rs, row) -> new Existing(rs.getObject("id", UUID.class), rs.getInt("version"),
					rs.getString("content_hash")))
			.optional();
		if (existing.isEmpty()) {
			UUID id = this.jdbc.sql("""
					INSERT INTO knowledge.documents (tenant_id, collection_id, origin, filename, source, content_type,
						size_bytes, content_hash, metadata)
					VALUES (:tenant, :collection, 'folder', :filename, :source, :contentType, :size, :hash,
						CAST(:metadata AS jsonb))
					ON CONFLICT (collection_id, source) WHERE origin = 'folder' DO NOTHING
					RETURNING id""")
				.param("tenant", collection.tenantId())
				.param("collection", collection.id())
				.param("filename", file.filename())
				.param("source", file.source())
				.param("contentType", file.contentType())
				.param("size", content.length)
				.param("hash", hash)
				.param("metadata", metadata)
				.query(UUID.class)
				.optional()
				.orElse(null);
			if (id == null) {
				return false;
			}
			this.queue.enqueue(collection.tenantId(), id, 1, content);
			return true;
		}
		Existing document = existing.get();
		if (document.contentHash().equals(hash)) {
			this.jdbc.sql("UPDATE knowledge.documents SET metadata = CAST(:metadata AS jsonb) WHERE id = :id")
				.param("metadata", metadata)
				.param("id", document.id())
				.update();
			return false;
		}
		int version = document.version() + 1;
		this.jdbc.sql("""
				UPDATE knowledge.documents
				SET version = :version, content_hash = :hash, size_bytes = :size, content_type = :contentType,
					metadata = CAST(:metadata AS jsonb), status = 'queued', chunks_embedded = 0, error = NULL
				WHERE id = :id""")
			.param("version", version)
			.param("hash", hash)
			.param("size", content.length)
			.param("contentType", file.contentType())
			.param("metadata", metadata)
			.param("id", document.id())
			.update();
		this.queue.enqueue(collection.tenantId(), document.id(), version, content);
		return true;
	}

	/**
	 * The watched files the collection holds, by source, with what tells a changed file
	 * without reading it. Joins the caller's transaction.
	 * @param collectionId the collection
	 * @return each watched document's source and stored file metadata
	 */
	public Map<String, Map<String, Object>> watchedFiles(UUID collectionId) {
		Map<String, Map<String, Object>> files = new HashMap<>();
		this.jdbc.sql("""
				SELECT source, metadata::text AS metadata FROM knowledge.documents
				WHERE collection_id = :collection AND origin = 'folder'""")
			.param("collection", collectionId)
			.query((rs, row) -> files.put(rs.getString("source"),
					this.json.readValue(rs.getString("metadata"), OBJECT)))
			.list();
		return files;
	}

	/**
	 * Remove a watched file's document with its chunks. Joins the caller's transaction.
	 * @param collectionId the collection
	 * @param source the file's source
	 */
	public void removeWatchedFile(UUID collectionId, String source) {
		int removed = this.jdbc
			.sql("DELETE FROM knowledge.documents WHERE collection_id = :collection AND origin = 'folder' "
					+ "AND source = :source")
			.param("collection", collectionId)
			.param("source", source)
			.update();
		if (removed > 0) {
			this.collections.changed(collectionId);
		}
	}

	@Transactional(readOnly = true)
	List<KnowledgeDocument> list(UUID collectionId, @Nullable String status, long offset, int limit) {
		this.collections.settings(collectionId);
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM knowledge.documents WHERE collection_id = :collection "
					+ "AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS knowledge.document_status)) "
					+ "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.param("collection", collectionId)
			.param("status", status, Types.VARCHAR)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	@Transactional(readOnly = true)
	KnowledgeDocument get(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM knowledge.documents WHERE id = :id")
			.param("id", id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new DocumentNotFoundException(id));
	}

	void delete(UUID id) {
		UUID collection = this.jdbc.sql("DELETE FROM knowledge.documents WHERE id = :id RETURNING collection_id")
			.param("id", id)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new DocumentNotFoundException(id));
		this.collections.changed(collection);
	}

	private KnowledgeDocument map(ResultSet rs, int row) throws SQLException {
		Timestamp indexed = rs.getTimestamp("indexed_at");
		return new KnowledgeDocument(rs.getObject("id", UUID.class), rs.getObject("collection_id", UUID.class),
				rs.getString("filename"), rs.getString("source"), rs.getString("content_type"),
				rs.getLong("size_bytes"), rs.getString("status"), rs.getInt("version"), rs.getInt("chunk_count"),
				rs.getInt("chunks_embedded"), rs.getString("error"),
				this.json.readValue(rs.getString("metadata"), OBJECT), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), (indexed != null) ? indexed.toInstant() : null);
	}

	private record Existing(UUID id, int version, String contentHash) {

	}

}
