-- The knowledge base: collections per tenant, their documents (uploaded or from the watched
-- folder, with a content hash and a version), the documents' chunks with their embeddings
-- (pgvector), and the queue of documents waiting to be parsed, chunked and embedded.
--
-- vector is not a trusted extension, so a superuser installs it into the database first
-- (db/init/create-roles.sql, the test infrastructure, the pgvector image's init); this
-- statement is then a no-op, and it fails with a clear message where that step was skipped.
CREATE EXTENSION IF NOT EXISTS vector SCHEMA public;

CREATE FUNCTION set_updated_at() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = knowledge, pg_temp
AS $$
BEGIN
	NEW.updated_at = now();
	RETURN NEW;
END
$$;

-- embedding_model is the name the client asked for; embedder and dimension are what embeds
-- the collection's chunks and queries, fixed at creation. generation moves on with every
-- change to the collection's documents: cached query results carry it in their key.
CREATE TABLE collections (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	version bigint NOT NULL DEFAULT 0,
	tenant_id uuid NOT NULL,
	name varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
	description text,
	embedding_model varchar(255) NOT NULL,
	embedder varchar(255) NOT NULL,
	dimension integer NOT NULL CHECK (dimension BETWEEN 1 AND 2000),
	chunk_size integer NOT NULL CHECK (chunk_size BETWEEN 64 AND 8192),
	chunk_overlap integer NOT NULL CHECK (chunk_overlap >= 0 AND chunk_overlap < chunk_size),
	metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
	generation bigint NOT NULL DEFAULT 0,
	created_by uuid,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (tenant_id, name)
);
CREATE INDEX collections_tenant_created_idx ON collections (tenant_id, created_at, id);
CREATE TRIGGER collections_updated_at BEFORE UPDATE ON collections FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TYPE document_status AS ENUM ('queued', 'processing', 'ready', 'failed');

-- One row per document. A watched file keeps its row across changes: a new content hash
-- makes a new version, whose chunks replace the old ones in one transaction.
-- chunks_embedded is the progress of the version being processed.
CREATE TABLE documents (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	collection_id uuid NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
	origin varchar(16) NOT NULL CHECK (origin IN ('upload', 'folder')),
	filename varchar(1024) NOT NULL,
	source varchar(2048) NOT NULL,
	content_type varchar(255) NOT NULL,
	size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
	content_hash char(64) NOT NULL,
	version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
	status document_status NOT NULL DEFAULT 'queued',
	chunk_count integer NOT NULL DEFAULT 0,
	chunks_embedded integer NOT NULL DEFAULT 0,
	error text,
	metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
	created_by uuid,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	indexed_at timestamptz
);
CREATE INDEX documents_collection_created_idx ON documents (collection_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX documents_folder_source_idx ON documents (collection_id, source) WHERE origin = 'folder';
CREATE TRIGGER documents_updated_at BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The bytes of a document version waiting to be processed; removed when it is done.
CREATE TABLE document_contents (
	document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	version integer NOT NULL,
	tenant_id uuid NOT NULL,
	content bytea NOT NULL,
	PRIMARY KEY (document_id, version)
);

-- Work: one job per document version. Workers of any instance claim jobs with SKIP LOCKED
-- through claim_ingest_jobs; a job whose lease ran out (its worker died) is claimed again.
CREATE TABLE ingest_jobs (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	tenant_id uuid NOT NULL,
	document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	version integer NOT NULL,
	attempts integer NOT NULL DEFAULT 0,
	run_after timestamptz NOT NULL DEFAULT now(),
	leased_by varchar(255),
	lease_expires_at timestamptz,
	last_error text,
	created_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (document_id, version)
);
CREATE INDEX ingest_jobs_ready_idx ON ingest_jobs (run_after, id);

-- A document's chunks are written in the transaction that marks its version ready, so a
-- query sees all of a version's chunks or none. dimension says which HNSW index holds the
-- row: one partial index per supported embedding size.
CREATE TABLE chunks (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	tenant_id uuid NOT NULL,
	collection_id uuid NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
	document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	document_version integer NOT NULL,
	position integer NOT NULL,
	content text NOT NULL,
	metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
	dimension integer NOT NULL,
	embedding public.vector NOT NULL CHECK (public.vector_dims(embedding) = dimension)
);
CREATE INDEX chunks_document_idx ON chunks (document_id, document_version, position);
CREATE INDEX chunks_collection_idx ON chunks (collection_id);
CREATE INDEX chunks_embedding_384_idx ON chunks
	USING hnsw ((embedding::public.vector(384)) public.vector_cosine_ops) WHERE dimension = 384;
CREATE INDEX chunks_embedding_768_idx ON chunks
	USING hnsw ((embedding::public.vector(768)) public.vector_cosine_ops) WHERE dimension = 768;
CREATE INDEX chunks_embedding_1536_idx ON chunks
	USING hnsw ((embedding::public.vector(1536)) public.vector_cosine_ops) WHERE dimension = 1536;

ALTER TABLE collections ENABLE ROW LEVEL SECURITY;
ALTER TABLE collections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON collections
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON documents
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE document_contents ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_contents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON document_contents
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE ingest_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE ingest_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ingest_jobs
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON chunks
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Cross-tenant work of the workers, as SECURITY DEFINER functions owned by the owner role
-- (BYPASSRLS), executable by the runtime role only.

-- Claim up to p_limit jobs that are due, or whose lease ran out: each gets p_owner, a lease
-- until p_lease_until and one more attempt. Returns what the worker needs to process it
-- under row-level security with the job's tenant set.
CREATE FUNCTION claim_ingest_jobs(p_owner varchar, p_now timestamptz, p_limit integer, p_lease_until timestamptz)
	RETURNS TABLE (id bigint, tenant_id uuid, document_id uuid, version integer, attempts integer)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = knowledge, pg_temp
AS $$
	WITH ready AS (
		SELECT j.id FROM knowledge.ingest_jobs j
		WHERE j.run_after <= p_now AND (j.lease_expires_at IS NULL OR j.lease_expires_at <= p_now)
		ORDER BY j.run_after, j.id
		LIMIT p_limit
		FOR UPDATE SKIP LOCKED
	)
	UPDATE knowledge.ingest_jobs j
	SET leased_by = p_owner, lease_expires_at = p_lease_until, attempts = j.attempts + 1
	FROM ready
	WHERE j.id = ready.id
	RETURNING j.id, j.tenant_id, j.document_id, j.version, j.attempts
$$;

-- The queue and the documents of every tenant, for the service's gauges.
CREATE FUNCTION ingest_queue_depth(p_now timestamptz)
	RETURNS bigint
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = knowledge, pg_temp
AS $$
	SELECT count(*) FROM knowledge.ingest_jobs j WHERE j.run_after <= p_now
$$;

CREATE FUNCTION document_status_counts()
	RETURNS TABLE (status document_status, documents bigint)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = knowledge, pg_temp
AS $$
	SELECT d.status, count(*) FROM knowledge.documents d GROUP BY d.status
$$;

GRANT USAGE ON SCHEMA knowledge TO ${app_role};
GRANT USAGE ON TYPE document_status TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON collections, documents, document_contents, ingest_jobs, chunks TO ${app_role};
GRANT USAGE ON SEQUENCE ingest_jobs_id_seq, chunks_id_seq TO ${app_role};

REVOKE ALL ON FUNCTION set_updated_at() FROM PUBLIC;
REVOKE ALL ON FUNCTION claim_ingest_jobs(varchar, timestamptz, integer, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION ingest_queue_depth(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION document_status_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_ingest_jobs(varchar, timestamptz, integer, timestamptz) TO ${app_role};
GRANT EXECUTE ON FUNCTION ingest_queue_depth(timestamptz) TO ${app_role};
GRANT EXECUTE ON FUNCTION document_status_counts() TO ${app_role};
