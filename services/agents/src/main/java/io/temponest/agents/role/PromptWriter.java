package io.temponest.agents.role;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The user message every role sends: the task, the request's context as JSON and the
 * knowledge-base excerpts, with how to cite them. Nothing else goes into a prompt.
 */
final class PromptWriter {

	/** How much of an excerpt the model sees. */
	static final int EXCERPT_CHARS = 800;

	private PromptWriter() {
	}

	/**
	 * Write the user message.
	 * @param task the task as the client sent it
	 * @param context the request's context, possibly empty
	 * @param citations the excerpts retrieved for the task, possibly empty
	 * @return the message
	 */
	static String user(String task, @Nullable Map<String, ?> context, List<Citation> citations) {
		StringBuilder user = new StringBuilder();
		user.append("## Task\n").append(task.strip()).append("\n\n## Context\n");
		if (context == null || context.isEmpty()) {
			user.append("No additional context.\n\n");
		}
		else {
			user.append("```json\n").append(Json.pretty(context)).append("\n```\n\n");
		}
		user.append("## Knowledge base\n");
		if (citations.isEmpty()) {
			user.append("No knowledge-base excerpts are available for this task. Cite nothing and do not invent ")
				.append("sources; where the answer format has a Citations part, write \"None\" there.\n");
		}
		else {
			user.append("Ground your answer in these excerpts. Cite an excerpt as ")
				.append("[Citation N] <source> (v<version>) where you rely on it, and cite nothing else.\n\n");
			for (int i = 0; i < citations.size(); i++) {
				Citation citation = citations.get(i);
				String content = citation.content();
				content = (content.length() > EXCERPT_CHARS) ? content.substring(0, EXCERPT_CHARS) + "..." : content;
				user.append("[Citation ")
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
		}
		user.append("\nAnswer in the format your instructions give.");
		return user.toString().replace("\n\n\n", "\n\n");
	}

}
