package io.temponest.agents.webhook;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery signature against a vector computed apart (openssl dgst -hmac). */
class SignaturesTests {

	@Test
	void signWhenKnownVectorThenSameHex() {
		byte[] body = "{\"id\":\"e1\",\"type\":\"webhook.test\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(Signatures.sign("whsec-test-0123456789abcdef", 1_700_000_000L, body))
			.isEqualTo("sha256=f0d7e8cc2f7be466a7fdd452fbf65231c370814971518ca8c48974717e049003");
	}

	@Test
	void signWhenBodyOrTimestampDiffersThenDifferentSignature() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		String signature = Signatures.sign("secret-secret-secret", 1L, body);
		assertThat(Signatures.sign("secret-secret-secret", 2L, body)).isNotEqualTo(signature);
		assertThat(Signatures.sign("secret-secret-secret", 1L, "{ }".getBytes(StandardCharsets.UTF_8)))
			.isNotEqualTo(signature);
	}

}
