package io.temponest.agents.role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code citations} of a result: the excerpts the run retrieved, followed (for roles
 * that cite in their answer) by up to {@value #MAX_NAMED} further sources the answer
 * names as {@code [Citation 2] owasp-top10.md (v2021)} or
 * {@code [Test Pattern 1] pytest.md
 * (v1.0)}, each with the fixed score {@value #NAMED_SCORE}.
 */
final class Citations {

	static final int MAX_NAMED = 5;

	static final double NAMED_SCORE = 0.85;

	private static final Pattern NAMED = Pattern.compile(
			"\\[(?:Citation|Source|Reference|[A-Za-z]{1,20} Pattern) ?\\d{1,3}\\][*:\\s]{0,5}([^\\n()\\[\\]]{1,200}?)\\s{0,5}\\(v(\\d{1,10}(?:\\.\\d{1,10}){0,5})\\)");

	private Citations() {
	}

	/**
	 * The retrieved citations as result entries.
	 * @param retrieved the excerpts the prompt showed
	 * @return the entries
	 */
	static List<Map<String, Object>> retrieved(List<Citation> retrieved) {
		return new ArrayList<>(retrieved.stream().map(Citation::toMap).toList());
	}

	/**
	 * The retrieved citations followed by the ones the answer names that are not among
	 * them (same source and version), at most {@value #MAX_NAMED} of those.
	 * @param retrieved the excerpts the prompt showed
	 * @param answer the answer
	 * @return the entries
	 */
	static List<Map<String, Object>> withNamed(List<Citation> retrieved, String answer) {
		List<Map<String, Object>> citations = retrieved(retrieved);
		Map<String, Citation> named = new LinkedHashMap<>();
		retrieved.forEach((citation) -> named.put(citation.source() + "\n" + citation.version(), citation));
		int added = 0;
		Matcher matcher = NAMED.matcher(answer);
		while (added < MAX_NAMED && matcher.find()) {
			String source = Markdown.inline(matcher.group(1));
			Citation citation = new Citation(source, matcher.group(2), NAMED_SCORE, "");
			if (!source.isEmpty() && named.putIfAbsent(source + "\n" + citation.version(), citation) == null) {
				citations.add(citation.toMap());
				added++;
			}
		}
		return citations;
	}

}
