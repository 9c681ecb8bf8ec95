package io.temponest.bench.bcrypt;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

/**
 * Prints on one line the median time of Spring Security's bcrypt ({@code $2b$}, cost 12)
 * over a number of hashes taken after a warm-up; arguments: {@code [samples] [warm-ups]}
 * (defaults 21 and 5, at least 15 samples). With {@code pbkdf2-sha256 target-ms [samples]
 * [warm-ups]} it calibrates PBKDF2 to that time instead ({@link Pbkdf2Timer}).
 */
public final class BcryptTimer {

	static final int COST = 12;

	static final int MIN_SAMPLES = 15;

	private static final String PASSWORD = "BenchPassword123";

	private BcryptTimer() {
	}

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("pbkdf2-sha256")) {
			Pbkdf2Timer.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		int samples = (args.length > 0) ? Integer.parseInt(args[0]) : 21;
		int warmups = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		if (samples < MIN_SAMPLES) {
			throw new IllegalArgumentException("samples must be at least " + MIN_SAMPLES + ", was " + samples);
		}
		System.out.println(measure(COST, samples, warmups));
	}

	static Result measure(int cost, int samples, int warmups) {
		BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(BCryptVersion.$2B, cost);
		String prefix = String.format(Locale.ROOT, "$2b$%02d$", cost);
		for (int i = 0; i < warmups; i++) {
			check(encoder, encode(encoder, prefix));
		}
		double[] encodeMillis = new double[samples];
		double[] matchesMillis = new double[samples];
		for (int i = 0; i < samples; i++) {
			long start = System.nanoTime();
			String hash = encode(encoder, prefix);
			long encoded = System.nanoTime();
			check(encoder, hash);
			long matched = System.nanoTime();
			encodeMillis[i] = (encoded - start) / 1e6;
			matchesMillis[i] = (matched - encoded) / 1e6;
		}
		return new Result(cost, samples, median(encodeMillis), min(encodeMillis), max(encodeMillis),
				median(matchesMillis));
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElseThrow();
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElseThrow();
	}

	private static String encode(BCryptPasswordEncoder encoder, String prefix) {
		String hash = encoder.encode(PASSWORD);
		if (hash == null || !hash.startsWith(prefix)) {
			throw new IllegalStateException("Unexpected bcrypt hash prefix: " + hash);
		}
		return hash;
	}

	private static void check(BCryptPasswordEncoder encoder, String hash) {
		if (!encoder.matches(PASSWORD, hash)) {
			throw new IllegalStateException("bcrypt hash does not match its password");
		}
	}

	/**
	 * One measurement, printed as a single {@code key=value} line that
	 * bench/auth-bench.sh parses.
	 *
	 * @param cost bcrypt cost (log2 rounds)
	 * @param samples number of timed hashes
	 * @param encodeMedianMillis median {@code encode} time
	 * @param encodeMinMillis fastest {@code encode}
	 * @param encodeMaxMillis slowest {@code encode}
	 * @param matchesMedianMillis median {@code matches} time (what a login pays)
	 */
	record Result(int cost, int samples, double encodeMedianMillis, double encodeMinMillis, double encodeMaxMillis,
			double matchesMedianMillis) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"BCRYPT version=$2b cost=%d samples=%d encode_median_ms=%.1f encode_min_ms=%.1f "
							+ "encode_max_ms=%.1f matches_median_ms=%.1f",
					this.cost, this.samples, this.encodeMedianMillis, this.encodeMinMillis, this.encodeMaxMillis,
					this.matchesMedianMillis);
		}

	}

}
