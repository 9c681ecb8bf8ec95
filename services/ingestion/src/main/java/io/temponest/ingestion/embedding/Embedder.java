package io.temponest.ingestion.embedding;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * One embedding model the service runs: its name, the size of its vectors and the model.
 *
 * @param name the name collections record
 * @param dimension the size of every vector it returns
 * @param model the model
 */
public record Embedder(String name, int dimension, EmbeddingModel model) {

	/**
	 * Embed texts, checking that every vector has this model's dimension.
	 * @param texts the texts
	 * @return one vector per text, in order
	 * @throws EmbeddingFailedException when the model fails or answers with vectors of
	 * another size
	 */
	public List<float[]> embed(List<String> texts) {
		List<Embedding> embeddings;
		try {
			embeddings = this.model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
		}
		catch (RuntimeException ex) {
			throw new EmbeddingFailedException("the embedding model " + this.name + " failed: " + ex.getMessage(), ex);
		}
		if (embeddings == null || embeddings.size() != texts.size()) {
			throw new EmbeddingFailedException("the embedding model " + this.name + " answered "
					+ ((embeddings != null) ? embeddings.size() : 0) + " vectors for " + texts.size() + " texts", null);
		}
		List<float[]> vectors = new ArrayList<>(embeddings.size());
		for (Embedding embedding : embeddings) {
			float[] vector = embedding.vector();
			if (vector.length != this.dimension) {
				throw new EmbeddingDimensionException(this.name, this.dimension, vector.length);
			}
			vectors.add(vector);
		}
		return vectors;
	}

	/**
	 * Embed one text.
	 * @param text the text
	 * @return its vector
	 */
	public float[] embed(String text) {
		return embed(List.of(text)).get(0);
	}

}
