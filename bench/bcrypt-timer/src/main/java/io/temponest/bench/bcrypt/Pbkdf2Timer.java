package io.temponest.bench.bcrypt;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Finds the PBKDF2-HMAC-SHA256 iteration count whose hash takes a target time on this
 * machine, hashing exactly as Keycloak's {@code pbkdf2-sha256} provider does (JDK
 * {@code PBKDF2WithHmacSHA256}, 16-byte salt, 256-bit derived key), and prints it on one
 * line; arguments: {@code target-ms [samples] [warm-ups]} (defaults 9 and 10).
 */
final class Pbkdf2Timer {

	static final String ALGORITHM = "PBKDF2WithHmacSHA256";

	static final int KEY_BITS = 256;

	static final int SALT_BYTES = 16;

	/**
	 * The iteration count of the first measurement, from which the target count is
	 * scaled.
	 */
	static final int PROBE_ITERATIONS = 100_000;

	/** At most this many measurements at a scaled count (the probe not counted). */
	static final int MAX_PASSES = 3;

	/** Relative distance from the target at which no further pass is made. */
	static final double TOLERANCE = 0.03;

	/** Iteration counts are rounded to this step. */
	static final int STEP = 1_000;

	private static final char[] PASSWORD = "BenchPassword123".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Pbkdf2Timer() {
	}

	static Result calibrate(double targetMillis, int probeIterations, int samples, int warmups) {
		if (!(targetMillis > 0)) {
			throw new IllegalArgumentException("target-ms must be positive, was " + targetMillis);
		}
		for (int i = 0; i < warmups; i++) {
			hash(probeIterations);
		}
		double probeMillis = medianMillis(probeIterations, samples);
		int iterations = iterationsFor(targetMillis, probeIterations, probeMillis);
		double hashMillis = medianMillis(iterations, samples);
		// The probe may run before the JIT is done: rescale from the last measurement.
		for (int pass = 1; pass < MAX_PASSES
				&& Math.abs(hashMillis - targetMillis) > TOLERANCE * targetMillis; pass++) {
			iterations = iterationsFor(targetMillis, iterations, hashMillis);
			hashMillis = medianMillis(iterations, samples);
		}
		return new Result(targetMillis, probeIterations, probeMillis, iterations, samples, hashMillis);
	}

	/**
	 * The iteration count that takes {@code targetMillis}, scaled linearly from one
	 * measured count (PBKDF2's cost is one HMAC per iteration) and rounded to
	 * {@link #STEP}, at least one step.
	 */
	static int iterationsFor(double targetMillis, int measuredIterations, double measuredMillis) {
		double exact = measuredIterations * targetMillis / measuredMillis;
		return (int) Math.max(STEP, Math.round(exact / STEP) * STEP);
	}

	private static double medianMillis(int iterations, int samples) {
		double[] millis = new double[samples];
		for (int i = 0; i < samples; i++) {
			long start = System.nanoTime();
			hash(iterations);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		return BcryptTimer.median(millis);
	}

	private static byte[] hash(int iterations) {
		byte[] salt = new byte[SALT_BYTES];
		RANDOM.nextBytes(salt);
		PBEKeySpec spec = new PBEKeySpec(PASSWORD, salt, iterations, KEY_BITS);
		try {
			return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
		finally {
			spec.clearPassword();
		}
	}

	static void main(String[] args) {
		if (args.length < 1) {
			throw new IllegalArgumentException("usage: pbkdf2-sha256 target-ms [samples] [warm-ups]");
		}
		double target = Double.parseDouble(args[0]);
		int samples = (args.length > 1) ? Integer.parseInt(args[1]) : 9;
		int warmups = (args.length > 2) ? Integer.parseInt(args[2]) : 10;
		if (samples < 1) {
			throw new IllegalArgumentException("samples must be at least 1, was " + samples);
		}
		System.out.println(calibrate(target, PROBE_ITERATIONS, samples, warmups));
	}

	/**
	 * One calibration, printed as a single {@code key=value} line that
	 * bench/auth-bench.sh parses.
	 *
	 * @param targetMillis the hash time aimed at
	 * @param probeIterations the iteration count measured first
	 * @param probeMillis its median hash time
	 * @param iterations the iteration count scaled to the target
	 * @param samples timed hashes per median
	 * @param hashMillis the median hash time at {@code iterations}, measured again
	 */
	record Result(double targetMillis, int probeIterations, double probeMillis, int iterations, int samples,
			double hashMillis) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"PBKDF2 algorithm=pbkdf2-sha256 key_bits=%d target_ms=%.1f probe_iterations=%d probe_ms=%.1f "
							+ "iterations=%d samples=%d hash_median_ms=%.1f",
					KEY_BITS, this.targetMillis, this.probeIterations, this.probeMillis, this.iterations, this.samples,
					this.hashMillis);
		}

	}

}
