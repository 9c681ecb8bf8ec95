package io.temponest.agents.project;

import java.text.Normalizer;
import java.util.Locale;

/** Project slugs: their pattern, and a slug made of a name. */
final class Slugs {

	/** Lower-case letters and digits in words joined by single hyphens. */
	static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

	/** Taken by the route of the project counts. */
	static final String RESERVED = "active-count";

	private static final int MAX_LENGTH = 100;

	private Slugs() {
	}

	/**
	 * The slug of a name: accents dropped, lower case, other characters as hyphens.
	 * @param name the name
	 * @return the slug, empty when the name has no letter or digit
	 */
	static String of(String name) {
		String plain = Normalizer.normalize(name, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-");
		String slug = trim(plain);
		if (slug.length() > MAX_LENGTH) {
			slug = trim(slug.substring(0, MAX_LENGTH));
		}
		return slug;
	}

	private static String trim(String slug) {
		int start = 0;
		int end = slug.length();
		while (start < end && slug.charAt(start) == '-') {
			start++;
		}
		while (end > start && slug.charAt(end - 1) == '-') {
			end--;
		}
		return slug.substring(start, end);
	}

}
