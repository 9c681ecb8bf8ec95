-- The HNSW indexes hold the embeddings at half precision (halfvec): half the size, so twice
-- as much of the index stays in shared buffers, for a recall loss that does not change which
-- chunks a query returns in practice. The table keeps full precision; queries order by the
-- halfvec expression of the index.
DROP INDEX chunks_embedding_384_idx;
DROP INDEX chunks_embedding_768_idx;
DROP INDEX chunks_embedding_1536_idx;

CREATE INDEX chunks_embedding_384_idx ON chunks
	USING hnsw ((embedding::public.halfvec(384)) public.halfvec_cosine_ops) WHERE dimension = 384;
CREATE INDEX chunks_embedding_768_idx ON chunks
	USING hnsw ((embedding::public.halfvec(768)) public.halfvec_cosine_ops) WHERE dimension = 768;
CREATE INDEX chunks_embedding_1536_idx ON chunks
	USING hnsw ((embedding::public.halfvec(1536)) public.halfvec_cosine_ops) WHERE dimension = 1536;
