package io.temponest.security.web;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeaderCharacters} accepts exactly what Spring Security's header regex accepts.
 */
class HeaderCharactersTests {

	/** The rule of {@code StrictHttpFirewall}'s default header-value predicate. */
	private static final Pattern FIREWALL_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final List<String> SAMPLES = List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
			"application/problem+json; charset=utf-8", "Müller – 東京 🚀", "tab\there", "new\nline", "nul\u0000",
			"del\u007f", "c1\u0085control", "unassigned\u0378", "lone\uD800surrogate", "x".repeat(4096));

	@Test
	void allowedWhenComparedWithFirewallRegexThenSameVerdict() {
		for (String sample : SAMPLES) {
			assertThat(HeaderCharacters.allowed(sample)).as(sample.length() > 40 ? "long value" : sample)
				.isEqualTo(FIREWALL_RULE.matcher(sample).matches());
		}
	}

	@Test
	void allowedWhenControlCharactersThenRejected() {
		assertThat(HeaderCharacters.allowed("value\r\nInjected: yes")).isFalse();
		assertThat(HeaderCharacters.allowed("plain value")).isTrue();
	}

}
