package io.temponest.ingestion.collection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.ingestion.embedding.Embedder;
import io.temponest.ingestion.embedding.Embedders;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's collections, each call in a transaction of the current tenant (row-level
 * security decides what exists).
 */
@Service
@Transactional
public class Collections {

	static final int DEFAULT_CHUNK_SIZE = 512;

	static final int DEFAULT_CHUNK_OVERLAP = 50;

	private static final String COLUMNS = """
			c.id, c.tenant_id, c.name, c.description, c.embedding_model, c.embedder, c.dimension, c.chunk_size,
			c.chunk_overlap, c.metadata::text AS metadata, c.created_at, c.updated_at,
			(SELECT count(*) FROM knowledge.documents d WHERE d.collection_id = c.id) AS document_count
			""";

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Embedders embedders;

	private final JsonMapper json;

	private final CollectionGenerations generations;

	Collections(JdbcClient jdbc, Embedders embedders, JsonMapper json, CollectionGenerations generations) {
		this.jdbc = jdbc;
		this.embedders = embedders;
		this.json = json;
		this.generations = generations;
	}

	/** A page of collections and how many match. */
	record Page(List<KnowledgeCollection> collections, long total) {

	}

	KnowledgeCollection create(AuthPrincipal caller, CollectionRequest request) {
		int size = (request.chunkSize() != null) ? request.chunkSize() : DEFAULT_CHUNK_SIZE;
		int overlap = (request.chunkOverlap() != null) ? request.chunkOverlap()
				: Math.min(DEFAULT_CHUNK_OVERLAP, size / 2);
		if (overlap >= size) {
			throw new InvalidChunkingException(size, overlap);
		}
		Embedder embedder = this.embedders.forNewCollection(request.embeddingModel());
		String requested = (request.embeddingModel() != null && !request.embeddingModel().isBlank())
				? request.embeddingModel().strip() : embedder.name();
		String name = request.name().strip();
		UUID id = insert(caller.tenantUuid(), caller.userUuid().orElse(null), name, request.description(), requested,
				embedder, size, overlap, (request.metadata() != null) ? request.metadata() : Map.of());
		return get(id);
	}

	/**
	 * The collection of a tenant with that name, created with the default model and
	 * chunking when there is none (the watched folder's collection). Runs in the caller's
	 * tenant transaction.
	 * @param tenantId the tenant
	 * @param name the collection's name
	 * @return its settings
	 */
	public CollectionSettings findOrCreate(UUID tenantId, String name) {
		Optional<UUID> existing = this.jdbc.sql("SELECT id FROM knowledge.collections WHERE name = :name")
			.param("name", name)
			.query(UUID.class)
			.optional();
		UUID id = existing.orElseGet(() -> {
			Embedder embedder = this.embedders.forNewCollection(null);
			return this.jdbc.sql("""
					INSERT INTO knowledge.collections (tenant_id, name, description, embedding_model, embedder,
						dimension, chunk_size, chunk_overlap)
					VALUES (:tenant, :name, 'Documents of the watched folder', :model, :model, :dimension, :size,
						:overlap)
					ON CONFLICT (tenant_id, name) DO UPDATE SET name = EXCLUDED.name
					RETURNING id""")
				.param("tenant", tenantId)
				.param("name", name)
				.param("model", embedder.name())
				.param("dimension", embedder.dimension())
				.param("size", DEFAULT_CHUNK_SIZE)
				.param("overlap", DEFAULT_CHUNK_OVERLAP)
				.query(UUID.class)
				.single();
		});
		return settings(id);
	}

	@Transactional(readOnly = true)
	Page list(@Nullable String search, long offset, int limit) {
		String filter = "(CAST(:search AS text) IS NULL OR c.name ILIKE CAST(:search AS text) ESCAPE '!' "
				+ "OR c.description ILIKE CAST(:search AS text) ESCAPE '!')";
		String pattern = (search != null) ? "%" + search.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
				: null;
		List<KnowledgeCollection> page = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM knowledge.collections c WHERE " + filter
					+ " ORDER BY c.created_at, c.id LIMIT :limit OFFSET :offset")
			.param("search", pattern)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
		long total = (page.size() < limit && (offset == 0 || !page.isEmpty())) ? offset + page.size()
				: this.jdbc.sql("SELECT count(*) FROM knowledge.collections c WHERE " + filter)
					.param("search", pattern)
					.query(Long.class)
					.single();
		return new Page(page, total);
	}

	@Transactional(readOnly = true)
	KnowledgeCollection get(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM knowledge.collections c WHERE c.id = :id")
			.param("id", id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new CollectionNotFoundException(id));
	}

	KnowledgeCollection update(UUID id, CollectionPatch patch) {
		try {
			int updated = this.jdbc.sql("""
					UPDATE knowledge.collections
					SET name = COALESCE(:name, name), description = COALESCE(:description, description),
						version = version + 1
					WHERE id = :id""")
				.param("name", (patch.name() != null) ? patch.name().strip() : null)
				.param("description", patch.description())
				.param("id", id)
				.update();
			if (updated == 0) {
				throw new CollectionNotFoundException(id);
			}
		}
		catch (DuplicateKeyException ex) {
			throw new CollectionConflictException();
		}
		return get(id);
	}

	void delete(UUID id) {
		UUID tenant = this.jdbc.sql("DELETE FROM knowledge.collections WHERE id = :id RETURNING tenant_id")
			.param("id", id)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new CollectionNotFoundException(id));
		this.generations.forgetAfterCommit(tenant, id);
	}

	/**
	 * What writing to or querying a collection of the current tenant needs.
	 * @param id the collection
	 * @return its settings
	 * @throws CollectionNotFoundException when the tenant has no such collection
	 */
	@Transactional(readOnly = true)
	public CollectionSettings settings(UUID id) {
		return this.jdbc.sql("""
				SELECT id, tenant_id, embedding_model, embedder, dimension, chunk_size, chunk_overlap, generation
				FROM knowledge.collections WHERE id = :id""")
			.param("id", id)
			.query((rs, row) -> new CollectionSettings(rs.getObject("id", UUID.class),
					rs.getObject("tenant_id", UUID.class), rs.getString("embedding_model"), rs.getString("embedder"),
					rs.getInt("dimension"), rs.getInt("chunk_size"), rs.getInt("chunk_overlap"),
					rs.getLong("generation")))
			.optional()
			.orElseThrow(() -> new CollectionNotFoundException(id));
	}

	/**
	 * Move a collection's generation on: its documents changed, so cached query results
	 * of the previous generation are no longer read (the generation remembered in Redis
	 * is forgotten once the caller's transaction commits). Joins the caller's
	 * transaction.
	 * @param id the collection
	 */
	public void changed(UUID id) {
		this.jdbc.sql("UPDATE knowledge.collections SET generation = generation + 1 WHERE id = :id RETURNING tenant_id")
			.param("id", id)
			.query(UUID.class)
			.optional()
			.ifPresent((tenant) -> this.generations.forgetAfterCommit(tenant, id));
	}

	private UUID insert(UUID tenantId, @Nullable UUID createdBy, String name, @Nullable String description,
			String requestedModel, Embedder embedder, int size, int overlap, Map<String, Object> metadata) {
		try {
			return this.jdbc.sql("""
					INSERT INTO knowledge.collections (tenant_id, name, description, embedding_model, embedder,
						dimension, chunk_size, chunk_overlap, metadata, created_by)
					VALUES (:tenant, :name, :description, :requested, :embedder, :dimension, :size, :overlap,
						CAST(:metadata AS jsonb), :createdBy)
					RETURNING id""")
				.param("tenant", tenantId)
				.param("name", name)
				.param("description", description)
				.param("requested", requestedModel)
				.param("embedder", embedder.name())
				.param("dimension", embedder.dimension())
				.param("size", size)
				.param("overlap", overlap)
				.param("metadata", this.json.writeValueAsString(metadata))
				.param("createdBy", createdBy)
				.query(UUID.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new CollectionConflictException();
		}
	}

	private KnowledgeCollection map(ResultSet rs, int row) throws SQLException {
		return new KnowledgeCollection(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("name"), rs.getString("description"), rs.getString("embedding_model"),
				rs.getString("embedder"), rs.getInt("dimension"), rs.getInt("chunk_size"), rs.getInt("chunk_overlap"),
				this.json.readValue(rs.getString("metadata"), OBJECT), rs.getLong("document_count"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
