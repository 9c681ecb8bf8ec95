package io.temponest.agents.role;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A knowledge-base excerpt a run is grounded in: shown to the model in the prompt and
 * reported in the result's {@code citations}.
 *
 * @param source the document the excerpt comes from
 * @param version the document's version
 * @param score the relevance, 0 to 1
 * @param content the excerpt ({@code ""} when only named in an answer)
 */
public record Citation(String source, String version, double score, String content) {

	/**
	 * The citation as a result entry.
	 * @return {@code source}, {@code version}, {@code score} and {@code content}, in that
	 * order
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("source", this.source);
		map.put("version", this.version);
		map.put("score", this.score);
		map.put("content", this.content);
		return map;
	}

}
