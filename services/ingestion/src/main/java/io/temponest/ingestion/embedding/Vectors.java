package io.temponest.ingestion.embedding;

/** pgvector's text form of a vector, {@code [0.1,0.2,...]}. */
public final class Vectors {

	private Vectors() {
	}

	/**
	 * The text form of a vector, for {@code CAST(? AS vector)}.
	 * @param vector the vector
	 * @return its text form
	 */
	public static String literal(float[] vector) {
		StringBuilder text = new StringBuilder(vector.length * 12).append('[');
		for (int i = 0; i < vector.length; i++) {
			if (i > 0) {
				text.append(',');
			}
			text.append(vector[i]);
		}
		return text.append(']').toString();
	}

}
