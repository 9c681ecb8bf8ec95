package io.temponest.auth.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The password policy for new passwords (roadmap section 5.4): at least 12 characters, an
 * upper-case letter, a lower-case letter and a digit, and not one of the common passwords
 * shipped in {@code common-passwords.txt} (compared case-insensitively). Never applied at
 * login.
 */
@Component
public class PasswordPolicy {

	/** Minimum length in characters. */
	public static final int MIN_LENGTH = 12;

	/** Maximum length in characters (bcrypt uses the first 72 bytes anyway). */
	public static final int MAX_LENGTH = 1024;

	static final String COMMON_PASSWORDS = "io/temponest/auth/password/common-passwords.txt";

	private final Set<String> commonPasswords;

	public PasswordPolicy() {
		this.commonPasswords = load();
	}

	/**
	 * The rules a password breaks.
	 * @param password the password
	 * @return one message per broken rule, empty when the password is acceptable
	 */
	public List<String> violations(String password) {
		List<String> violations = new ArrayList<>();
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			violations.add("must be at least " + MIN_LENGTH + " characters long");
		}
		if (length > MAX_LENGTH) {
			violations.add("must be at most " + MAX_LENGTH + " characters long");
		}
		if (password.codePoints().noneMatch(Character::isUpperCase)) {
			violations.add("must contain an upper-case letter");
		}
		if (password.codePoints().noneMatch(Character::isLowerCase)) {
			violations.add("must contain a lower-case letter");
		}
		if (password.codePoints().noneMatch(Character::isDigit)) {
			violations.add("must contain a digit");
		}
		if (isCommon(password)) {
			violations.add("is too common");
		}
		return violations;
	}

	/**
	 * Reject a password that breaks the policy.
	 * @param password the password
	 * @throws WeakPasswordException listing the broken rules
	 */
	public void check(String password) {
		List<String> violations = violations(password);
		if (!violations.isEmpty()) {
			throw new WeakPasswordException(violations);
		}
	}

	/**
	 * Whether a password is on the common-password list, ignoring case.
	 * @param password the password
	 * @return whether it is common
	 */
	public boolean isCommon(String password) {
		return this.commonPasswords.contains(password.toLowerCase(Locale.ROOT));
	}

	/**
	 * The number of common passwords loaded.
	 * @return the list's size
	 */
	public int commonPasswordCount() {
		return this.commonPasswords.size();
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>(65_536);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource(COMMON_PASSWORDS).getInputStream(), StandardCharsets.UTF_8))) {
			boolean header = true;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				// the leading '#' lines are the header; later entries may start with '#'
				if (header && line.startsWith("#")) {
					continue;
				}
				header = false;
				if (!line.isEmpty()) {
					passwords.add(line.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + COMMON_PASSWORDS, ex);
		}
		return Set.copyOf(passwords);
	}

}
