package io.temponest.agents.role;

import java.util.List;
import java.util.Locale;

/**
 * How knowledge-base excerpts are shown to a model: each numbered with its source,
 * version and relevance, with the instruction to cite them as
 * {@code [Citation N] <source> (v<version>)}. Built-in roles and tenant agents show them
 * alike.
 */
public final class KnowledgeExcerpts {

	/** How much of an excerpt the model sees. */
	static final int EXCERPT_CHARS = 800;

	private KnowledgeExcerpts() {
	}

	/**
	 * The excerpts and how to cite them, for a prompt.
	 * @param citations the excerpts, at least one
	 * @return the text, ending with a blank line
	 */
	public static String section(List<Citation> citations) {
		StringBuilder text = new StringBuilder();
		text.append("Ground your answer in these excerpts. Cite an excerpt as ")
			.append("[Citation N] <source> (v<version>) where you rely on it, and cite nothing else.\n\n");
		for (int i = 0; i < citations.size(); i++) {
			Citation citation = citations.get(i);
			String content = citation.content();
			content = (content.length() > EXCERPT_CHARS) ? content.substring(0, EXCERPT_CHARS) + "..." : content;
			text.append("[Citation ")
				.append(i + 1)
				.append("] ")
				.append(citation.source())
				.append(" (v")
				.append(citation.version())
				.append("), relevance ")
				.append(String.format(Locale.ROOT, "%.2f", citation.score()))
				.append('\n')
				.append(content.strip())
				.append("\n\n");
		}
		return text.toString();
	}

}
