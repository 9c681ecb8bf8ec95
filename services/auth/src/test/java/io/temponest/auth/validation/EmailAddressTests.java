package io.temponest.auth.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Strict email validation and normalisation. */
class EmailAddressTests {

	@ParameterizedTest
	@ValueSource(strings = { "test@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.org",
			"user_name-1@example-domain.com", "josé@exämple.com", "a@b.io" })
	void normalizeWhenValidThenAccepted(String address) {
		assertThat(EmailAddress.normalize(address)).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-email", "two@@example.com", "a@b@example.com", "@example.com", "user@",
			"user@localhost", "admin@agentic.local", "user@x.test", "user@example.invalid", "user@host.localhost",
			"user@site.onion", "user@1.2.3.4", "user@[127.0.0.1]", "user@example", ".dot@example.com",
			"dot.@example.com", "two..dots@example.com", "\"quoted\"@example.com", "sp ace@example.com",
			"<script>alert(1)</script>@example.com", "user@exa_mple.com", "user@-example.com", "user@example.com.",
			"admin' AND '1'='1", "user@example.123", "line\nbreak@example.com", "a(b)@example.com" })
	void normalizeWhenInvalidThenRejected(String address) {
		assertThat(EmailAddress.normalize(address)).isEmpty();
	}

	@Test
	void normalizeWhenMixedCaseAndSpacesThenDomainLowerCasedLocalPartKept() {
		assertThat(EmailAddress.normalize("  John.Doe@Example.COM ")).hasValue("John.Doe@example.com");
	}

	@Test
	void normalizeWhenTooLongThenRejected() {
		assertThat(EmailAddress.normalize("a".repeat(65) + "@example.com")).isEmpty();
		assertThat(EmailAddress.normalize("a".repeat(64) + "@example.com")).isPresent();
		String longDomain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(63)
				+ ".com";
		assertThat(EmailAddress.normalize("user@" + longDomain)).isEmpty();
		String domain190 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";
		assertThat(EmailAddress.normalize("a".repeat(63) + "@" + domain190)).isPresent();
		assertThat(EmailAddress.normalize("a".repeat(64) + "@" + domain190)).isEmpty();
		assertThat(EmailAddress.normalize(null)).isEmpty();
	}

}
