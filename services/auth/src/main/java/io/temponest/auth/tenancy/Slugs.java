package io.temponest.auth.tenancy;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Tenant slugs derived from an email's local part: {@code [a-z0-9]} words joined by '-'.
 */
final class Slugs {

	static final int MAX_BASE_LENGTH = 60;

	private Slugs() {
	}

	static String fromEmail(String email) {
		int at = email.lastIndexOf('@');
		String local = (at >= 0) ? email.substring(0, at) : email;
		String ascii = Normalizer.normalize(local, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > MAX_BASE_LENGTH) {
			slug = slug.substring(0, MAX_BASE_LENGTH).replaceAll("-+$", "");
		}
		return slug.isEmpty() ? "org" : slug;
	}

}
