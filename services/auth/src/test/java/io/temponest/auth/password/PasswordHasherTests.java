package io.temponest.auth.password;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.temponest.auth.AuthProperties;
import io.temponest.auth.TestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** bcrypt compatibility, 72-byte truncation, malformed hashes and load shedding. */
class PasswordHasherTests {

	private final PasswordHasher hasher = new PasswordHasher(TestProperties.defaults());

	@Test
	void hashWhenCalledThenEmits2bCost12AndVerifies() {
		String hash = this.hasher.hash("Secret-Password-1");
		assertThat(hash).startsWith("$2b$12$").hasSize(60);
		assertThat(this.hasher.verify("Secret-Password-1", hash)).isTrue();
		assertThat(this.hasher.verify("secret-password-1", hash)).isFalse();
		assertThat(this.hasher.verify("", hash)).isFalse();
		assertThat(this.hasher.hash("Secret-Password-1")).isNotEqualTo(hash);
	}

	@Test
	void verifyWhenPasswordLongerThan72BytesThenOnlyFirst72BytesCount() {
		String thousand = "x".repeat(1000);
		String hash = this.hasher.hash(thousand);
		assertThat(this.hasher.verify(thousand, hash)).isTrue();
		String first72 = "a".repeat(72);
		String longHash = this.hasher.hash(first72 + "tail-one");
		assertThat(this.hasher.verify(first72 + "another-tail", longHash)).isTrue();
		assertThat(this.hasher.verify(first72, longHash)).isTrue();
		assertThat(this.hasher.verify("b" + "a".repeat(71) + "tail-one", longHash)).isFalse();
	}

	@Test
	void verifyWhenMultiByteCharactersCrossTheLimitThenTruncatesBytesNotCharacters() {
		String accents = "é".repeat(36);
		String hash = this.hasher.hash(accents + "é");
		assertThat(this.hasher.verify(accents + "zz", hash)).isTrue();
		assertThat(this.hasher.verify("é".repeat(35) + "e", hash)).isFalse();
		String unicode = "Test密码🔐Пароль";
		assertThat(this.hasher.verify(unicode, this.hasher.hash(unicode))).isTrue();
	}

	@Test
	void verifyWhenHashMalformedThenFalseWithoutThrowing() {
		assertThat(this.hasher.verify("anything", null)).isFalse();
		assertThat(this.hasher.verify("anything", "")).isFalse();
		assertThat(this.hasher.verify("anything", "not-a-hash")).isFalse();
		assertThat(this.hasher.verify("anything", "$2b$12$short")).isFalse();
		assertThat(this.hasher.verify("anything", "$2x$12$" + "a".repeat(53))).isFalse();
		assertThat(this.hasher.verify("anything", "$2b$99$" + "a".repeat(53))).isFalse();
		assertThat(this.hasher.verify("anything", "$2b$03$" + "a".repeat(53))).isFalse();
	}

	@Test
	void verifyWhen2aAnd2yPrefixesThenAccepted() {
		String hash = this.hasher.hash("Prefix-Password-9");
		assertThat(this.hasher.verify("Prefix-Password-9", "$2a$" + hash.substring(4))).isTrue();
		assertThat(this.hasher.verify("Prefix-Password-9", "$2y$" + hash.substring(4))).isTrue();
	}

	@Test
	void verifyDummyWhenCalledThenSpendsAHashingSlotAndReturns() {
		long started = System.nanoTime();
		this.hasher.verifyDummy("whatever");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(20));
	}

	@Test
	void hashWhenEverySlotStaysBusyThenShedsWithRetryAfter() throws Exception {
		PasswordHasher single = new PasswordHasher(TestProperties
			.withPassword(new AuthProperties.Password(1, Duration.ofMillis(50), Duration.ofSeconds(3))));
		CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> {
			String hash = null;
			for (int i = 0; i < 3; i++) {
				hash = single.hash("Keeps-The-Slot-1");
			}
			return hash;
		});
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (single.availableSlots() > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(single.availableSlots()).isZero();
		assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> single.hash("Shed-Me-1"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
			});
		String hash = busy.get(30, TimeUnit.SECONDS);
		assertThat(single.verify("Keeps-The-Slot-1", hash)).isTrue();
		assertThat(single.availableSlots()).isOne();
	}

}
