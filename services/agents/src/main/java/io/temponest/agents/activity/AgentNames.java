package io.temponest.agents.activity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The role a run's step names: the first of Developer, QA, DevOps, Designer, Security,
 * Overseer and UX found at the start of a word (any case) gives the role's slug.
 */
final class AgentNames {

	/** The label of runs whose step names no role. */
	static final String OTHER = "Other";

	/** The words, in the order they are tried, and the slug each stands for. */
	private static final List<Word> WORDS = List.of(new Word("developer", "developer"), new Word("qa", "qa-tester"),
			new Word("devops", "devops"), new Word("designer", "designer"), new Word("security", "security-auditor"),
			new Word("overseer", "overseer"), new Word("ux", "ux-researcher"));

	/**
	 * The same words for PostgreSQL ({@code \m} is the start of a word), as a
	 * {@code CASE} of the column {@code step}.
	 */
	static final String SQL_CASE = sqlCase();

	private AgentNames() {
	}

	/**
	 * The role a step names.
	 * @param step a run's step
	 * @return the role's slug, or {@code null} when it names none
	 */
	static @Nullable String ofStep(String step) {
		String lower = step.toLowerCase(Locale.ROOT);
		for (Word word : WORDS) {
			if (word.pattern().matcher(lower).find()) {
				return word.slug();
			}
		}
		return null;
	}

	private static String sqlCase() {
		StringBuilder sql = new StringBuilder("CASE");
		for (Word word : WORDS) {
			sql.append(" WHEN step ~* '\\m").append(word.word()).append("' THEN '").append(word.slug()).append('\'');
		}
		return sql.append(" ELSE '").append(OTHER).append("' END").toString();
	}

	/** A word and the role slug it stands for. */
	private record Word(String word, String slug, Pattern pattern) {

		Word(String word, String slug) {
			this(word, slug, Pattern.compile("\\b" + word));
		}

	}

}
