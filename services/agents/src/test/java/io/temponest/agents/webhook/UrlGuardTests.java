package io.temponest.agents.webhook;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF guard's address rules, with and without an allow-list. */
class UrlGuardTests {

	private final UrlGuard guard = guard(List.of());

	@Test
	void refusalWhenRefusedAddressThenReasonNamesIt() {
		assertThat(this.guard.refusalToSave("http://127.0.0.1:8080/hook")).contains("loopback");
		assertThat(this.guard.refusalToSave("http://[::1]/hook")).contains("loopback");
		assertThat(this.guard.refusalToSave("http://localhost/hook")).contains("loopback");
		assertThat(this.guard.refusalToSave("http://169.254.169.254/latest/meta-data")).contains("link-local");
		assertThat(this.guard.refusalToSave("http://[fe80::1]/hook")).contains("link-local");
		assertThat(this.guard.refusalToSave("http://10.0.0.1/hook")).contains("private");
		assertThat(this.guard.refusalToSave("http://172.16.5.4/hook")).contains("private");
		assertThat(this.guard.refusalToSave("http://192.168.1.1/hook")).contains("private");
		assertThat(this.guard.refusalToSave("http://[fd00::1]/hook")).contains("private");
		assertThat(this.guard.refusalToSave("http://0.0.0.0/hook")).contains("unspecified");
		assertThat(this.guard.refusalToSave("http://224.0.0.1/hook")).contains("multicast");
		assertThat(this.guard.refusalToSave("http://[::ffff:127.0.0.1]/hook")).contains("loopback");
		assertThat(this.guard.refusalToSave("ftp://example.com/hook")).contains("http");
		assertThat(this.guard.refusalToSave("http://user:pw@93.184.215.14/hook")).contains("credentials");
	}

	@Test
	void refusalWhenPublicAddressThenNone() {
		assertThat(this.guard.refusalToSave("https://93.184.215.14/hook")).isNull();
		assertThat(this.guard.refusalToSave("http://172.32.0.1/hook")).isNull();
		assertThat(this.guard.refusalToSave("https://[2606:4700::1111]/hook")).isNull();
	}

	@Test
	void refusalWhenHostDoesNotResolveThenSavedButNotCalled() {
		assertThat(this.guard.refusalToSave("https://no-such-host.invalid/hook")).isNull();
		assertThat(this.guard.refusalToCall("https://no-such-host.invalid/hook")).contains("does not resolve");
	}

	@Test
	void refusalWhenAllowListedThenNone() {
		UrlGuard allowing = guard(List.of("127.0.0.2/32", "Receiver.Internal"));
		assertThat(allowing.refusalToCall("http://127.0.0.2:8080/hook")).isNull();
		assertThat(allowing.refusalToCall("http://receiver.internal/hook")).isNull();
		assertThat(allowing.refusalToCall("http://127.0.0.1:8080/hook")).contains("loopback");
	}

	private static UrlGuard guard(List<String> allowed) {
		return new UrlGuard(new WebhookProperties(allowed, false, Duration.ofSeconds(1), 1, Duration.ofSeconds(1),
				Duration.ofHours(1), Duration.ofSeconds(1), 5, Duration.ofSeconds(60), Duration.ofSeconds(5), 16));
	}

}
