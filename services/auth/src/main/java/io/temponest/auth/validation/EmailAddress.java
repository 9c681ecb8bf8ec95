package io.temponest.auth.validation;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Strict email validation and normalisation, after the original's pydantic
 * {@code EmailStr} (spec 1.6.3): surrounding whitespace stripped; exactly one {@code @};
 * a dot-atom local part of at most 64 bytes (international letters allowed, no quoted
 * forms, no {@code < > ( ) , ; :} or spaces); a domain with a dot, valid labels (IDNA for
 * international names), no IP literal and no special-use name ({@code arpa},
 * {@code invalid}, {@code local}, {@code localhost}, {@code onion}, {@code test}, or
 * below them); at most 254 characters. Normalised form: local part NFC with its case
 * kept, domain lower-cased.
 */
public final class EmailAddress {

	/** Longest address. */
	public static final int MAX_LENGTH = 254;

	/** Longest local part in UTF-8 bytes. */
	public static final int MAX_LOCAL_BYTES = 64;

	private static final int MAX_INPUT = 2048;

	private static final Set<String> SPECIAL_USE = Set.of("arpa", "invalid", "local", "localhost", "onion", "test");

	// RFC 5322 atext plus non-ASCII letters, marks and digits (RFC 6531)
	private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\p{L}\\p{M}\\p{Nd}]+");

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

	private EmailAddress() {
	}

	/**
	 * Validate and normalise an address.
	 * @param input the address as sent
	 * @return the normalised address, or empty when it is not a valid address
	 */
	public static Optional<String> normalize(@Nullable String input) {
		if (input == null || input.length() > MAX_INPUT) {
			return Optional.empty();
		}
		String address = input.strip();
		int at = address.indexOf('@');
		if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
			return Optional.empty();
		}
		String local = Normalizer.normalize(address.substring(0, at), Normalizer.Form.NFC);
		Optional<String> domain = domain(address.substring(at + 1));
		if (!validLocal(local) || domain.isEmpty()) {
			return Optional.empty();
		}
		String normalized = local + "@" + domain.get();
		return (normalized.length() <= MAX_LENGTH) ? Optional.of(normalized) : Optional.empty();
	}

	/**
	 * Whether an address is valid.
	 * @param input the address
	 * @return whether {@link #normalize} accepts it
	 */
	public static boolean isValid(@Nullable String input) {
		return normalize(input).isPresent();
	}

	private static boolean validLocal(String local) {
		if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_BYTES) {
			return false;
		}
		for (String atom : local.split("\\.", -1)) {
			if (!ATOM.matcher(atom).matches()) {
				return false;
			}
		}
		return true;
	}

	private static Optional<String> domain(String raw) {
		String domain = Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		String ascii;
		try {
			ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (ascii.length() > 253 || !ascii.contains(".")) {
			return Optional.empty();
		}
		String[] labels = ascii.split("\\.", -1);
		for (String label : labels) {
			if (!LABEL.matcher(label).matches()) {
				return Optional.empty();
			}
		}
		String tld = labels[labels.length - 1];
		if (ALL_DIGITS.matcher(tld).matches() || SPECIAL_USE.contains(tld)) {
			return Optional.empty();
		}
		return Optional.of(domain);
	}

}
