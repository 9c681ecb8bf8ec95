package io.temponest.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.temponest.auth.AuthProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.stereotype.Component;

/**
 * bcrypt with cost 12, compatible with the original's hashes: emits {@code $2b$},
 * verifies {@code $2a$}, {@code $2b$} and {@code $2y$}, and uses only the first 72 bytes
 * of the UTF-8 password, as bcrypt always did (Spring's encoder would throw instead). At
 * most a configured number of hashes run at once; a caller that cannot get a slot in time
 * is shed with {@link PasswordHashingBusyException}, so a login storm cannot take every
 * thread and connection of the service.
 */
@Component
public class PasswordHasher {

	/** bcrypt cost factor (2^12 rounds). */
	public static final int COST = 12;

	private static final int MAX_BYTES = 72;

	private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

	private final SecureRandom random = new SecureRandom();

	private final Semaphore slots;

	private final Duration maxWait;

	private final Duration retryAfter;

	private final String dummyHash;

	public PasswordHasher(AuthProperties properties) {
		AuthProperties.Password settings = properties.password();
		int permits = (settings.maxConcurrentHashes() > 0) ? settings.maxConcurrentHashes()
				: Runtime.getRuntime().availableProcessors();
		this.slots = new Semaphore(permits, true);
		this.maxWait = settings.maxWait();
		this.retryAfter = settings.retryAfter();
		byte[] randomPassword = new byte[16];
		this.random.nextBytes(randomPassword);
		this.dummyHash = BCrypt.hashpw(HexFormat.of().formatHex(randomPassword), BCrypt.gensalt("$2b", COST));
	}

	/**
	 * Hash a password.
	 * @param password the password
	 * @return a 60-character {@code $2b$12$} hash
	 * @throws PasswordHashingBusyException when no hashing slot frees up in time
	 */
	public String hash(String password) {
		byte[] bytes = truncatedUtf8(password);
		return withSlot(() -> BCrypt.hashpw(bytes, BCrypt.gensalt("$2b", COST, this.random)));
	}

	/**
	 * Check a password against a stored hash.
	 * @param password the presented password
	 * @param hash the stored hash
	 * @return whether they match; {@code false} for a missing or malformed hash
	 * @throws PasswordHashingBusyException when no hashing slot frees up in time
	 */
	public boolean verify(String password, @Nullable String hash) {
		if (hash == null || !BCRYPT.matcher(hash).matches()) {
			return false;
		}
		byte[] bytes = truncatedUtf8(password);
		return withSlot(() -> {
			try {
				return BCrypt.checkpw(bytes, hash);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		});
	}

	/**
	 * Spend the time of a real check when there is no account to check against, so that
	 * unknown and known emails answer alike.
	 * @param password the presented password
	 * @throws PasswordHashingBusyException when no hashing slot frees up in time
	 */
	public void verifyDummy(String password) {
		verify(password, this.dummyHash);
	}

	/**
	 * The number of hashing slots free right now.
	 * @return the free slots
	 */
	public int availableSlots() {
		return this.slots.availablePermits();
	}

	private <T> T withSlot(Supplier<T> work) {
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PasswordHashingBusyException(this.retryAfter);
		}
		if (!acquired) {
			throw new PasswordHashingBusyException(this.retryAfter);
		}
		try {
			return work.get();
		}
		finally {
			this.slots.release();
		}
	}

	private static byte[] truncatedUtf8(String password) {
		byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
		return (bytes.length > MAX_BYTES) ? Arrays.copyOf(bytes, MAX_BYTES) : bytes;
	}

}
