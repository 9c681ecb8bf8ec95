package io.temponest.ingestion.chunk;

/**
 * How text is cut into chunks.
 *
 * @param size the most characters in one chunk, from {@value #MIN_SIZE} to
 * {@value #MAX_SIZE}
 * @param overlap how many characters (about) each chunk repeats from the end of the one
 * before, at least 0 and less than {@code size}
 */
public record ChunkingPolicy(int size, int overlap) {

	/** The smallest chunk size. */
	public static final int MIN_SIZE = 64;

	/** The largest chunk size. */
	public static final int MAX_SIZE = 8192;

	public ChunkingPolicy {
		if (size < MIN_SIZE || size > MAX_SIZE) {
			throw new IllegalArgumentException(
					"chunk size must be between " + MIN_SIZE + " and " + MAX_SIZE + ", was " + size);
		}
		if (overlap < 0 || overlap >= size) {
			throw new IllegalArgumentException(
					"chunk overlap must be at least 0 and less than the size " + size + ", was " + overlap);
		}
	}

	/**
	 * The platform's default: 512 characters with an overlap of 50.
	 * @return the default policy
	 */
	public static ChunkingPolicy platformDefault() {
		return new ChunkingPolicy(512, 50);
	}

}
