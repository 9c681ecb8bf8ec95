package io.temponest.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.temponest.auth.AuthProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * bcrypt with cost 12, compatible with the original's hashes: emits {@code $2b$},
 * verifies {@code $2a$}, {@code $2b$} and {@code $2y$}, and uses only the first 72 bytes
 * of the UTF-8 password, as bcrypt always did (Spring's encoder would throw instead).
 * <p>
 * bcrypt is CPU-bound: run on the request's virtual thread it would hold a carrier thread
 * for a quarter of a second, and a handful of logins would hold them all, starving every
 * other request. So hashes run on a small pool of platform threads (by default one fewer
 * than the cores, at least one), while the request's virtual thread parks; a caller that
 * cannot get a slot in time is shed with {@link PasswordHashingBusyException}.
 */
@Component
public class PasswordHasher implements DisposableBean {

	/** bcrypt cost factor (2^12 rounds). */
	public static final int COST = 12;

	private static final int MAX_BYTES = 72;

	private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

	private final SecureRandom random = new SecureRandom();

	private final Semaphore slots;

	private final ExecutorService hashingThreads;

	private final Duration maxWait;

	private final Duration retryAfter;

	private final String dummyHash;

	public PasswordHasher(AuthProperties properties) {
		AuthProperties.Password settings = properties.password();
		int permits = (settings.maxConcurrentHashes() > 0) ? settings.maxConcurrentHashes()
				: Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
		this.slots = new Semaphore(permits, true);
		this.hashingThreads = Executors.newFixedThreadPool(permits,
				Thread.ofPlatform().name("bcrypt-", 0).daemon(true).priority(Thread.MIN_PRIORITY).factory());
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
			return this.hashingThreads.submit(work::get).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PasswordHashingBusyException(this.retryAfter);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Password hashing failed", ex.getCause());
		}
		finally {
			this.slots.release();
		}
	}

	@Override
	public void destroy() {
		this.hashingThreads.shutdownNow();
	}

	private static byte[] truncatedUtf8(String password) {
		byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
		return (bytes.length > MAX_BYTES) ? Arrays.copyOf(bytes, MAX_BYTES) : bytes;
	}

}
