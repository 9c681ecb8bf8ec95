package io.temponest.ingestion.parse;

/**
 * Limits that keep one document from exhausting the service.
 *
 * @param maxCharacters the longest text extracted from one document
 * @param maxInflateRatio the largest ratio of an entry's expanded size to its compressed
 * size in a zip container (DOCX), beyond which the file is treated as a zip bomb
 * @param maxEntrySize the largest expanded size in bytes of one entry of a zip container
 */
public record ParserLimits(int maxCharacters, double maxInflateRatio, long maxEntrySize) {

	/** The largest entry size the zip reader accepts: 4 GiB. */
	static final long MAX_SUPPORTED_ENTRY_SIZE = 0xFFFFFFFFL;

	public ParserLimits {
		if (maxCharacters <= 0) {
			throw new IllegalArgumentException("maxCharacters must be positive, was " + maxCharacters);
		}
		if (!(maxInflateRatio >= 1)) {
			throw new IllegalArgumentException("maxInflateRatio must be at least 1, was " + maxInflateRatio);
		}
		if (maxEntrySize <= 0 || maxEntrySize > MAX_SUPPORTED_ENTRY_SIZE) {
			throw new IllegalArgumentException(
					"maxEntrySize must be between 1 and " + MAX_SUPPORTED_ENTRY_SIZE + ", was " + maxEntrySize);
		}
	}

	/**
	 * The platform's limits: 20 million characters, an inflate ratio of 100 and 100 MB
	 * per zip entry.
	 * @return the default limits
	 */
	public static ParserLimits defaults() {
		return new ParserLimits(20_000_000, 100, 100L * 1024 * 1024);
	}

}
