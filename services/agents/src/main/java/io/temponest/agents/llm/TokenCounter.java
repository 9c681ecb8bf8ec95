package io.temponest.agents.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with the {@code cl100k_base} encoding: for per-task token budgets, and
 * for the usage of a call whose provider reports none. Thread-safe; the encoding is
 * loaded once.
 */
public final class TokenCounter {

	private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	/**
	 * The tokens of a text.
	 * @param text the text
	 * @return its token count, 0 for an empty text
	 */
	public int count(String text) {
		return text.isEmpty() ? 0 : this.encoding.countTokens(text);
	}

}
