package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The user message every role sends: the task, the request's context as JSON and the
 * knowledge-base excerpts, with how to cite them. Nothing else goes into a prompt.
 */
final class PromptWriter {

	/** How much of an excerpt the model sees. */
	static final int EXCERPT_CHARS = KnowledgeExcerpts.EXCERPT_CHARS;

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
			user.append(KnowledgeExcerpts.section(citations));
		}
		user.append("\nAnswer in the format your instructions give.");
		return user.toString().replace("\n\n\n", "\n\n");
	}

}
