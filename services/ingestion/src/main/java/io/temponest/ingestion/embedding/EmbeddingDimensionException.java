package io.temponest.ingestion.embedding;

/**
 * A model answered with vectors of another size than the collection was created for (the
 * model behind a name was changed): not worth a retry.
 */
public class EmbeddingDimensionException extends EmbeddingFailedException {

	private static final long serialVersionUID = 1L;

	EmbeddingDimensionException(String model, int expected, int actual) {
		super("the embedding model " + model + " returned vectors of " + actual + " dimensions; the collection holds "
				+ expected + "-dimensional vectors", null);
	}

}
