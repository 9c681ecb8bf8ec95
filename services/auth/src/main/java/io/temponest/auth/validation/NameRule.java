package io.temponest.auth.validation;

import org.jspecify.annotations.Nullable;

/**
 * The rule for names that are stored and shown back (spec 8.5 item 5): after trimming, 1
 * to a maximum number of characters, each a letter, a combining mark, a digit, a space or
 * one of {@code . , ' _ - ( )}. Anything that could form markup ({@code <}, {@code >},
 * {@code "}, {@code /}, {@code =}, {@code :}...) is rejected rather than escaped.
 */
public final class NameRule {

	private NameRule() {
	}

	/**
	 * Whether a name follows the rule.
	 * @param name the name as sent
	 * @param maxLength the longest allowed trimmed name, in characters
	 * @return whether it is acceptable
	 */
	public static boolean isValid(@Nullable String name, int maxLength) {
		if (name == null) {
			return false;
		}
		String trimmed = name.strip();
		int length = trimmed.codePointCount(0, trimmed.length());
		return length >= 1 && length <= maxLength && trimmed.codePoints().allMatch(NameRule::allowed);
	}

	private static boolean allowed(int codePoint) {
		if (Character.isLetter(codePoint) || Character.isDigit(codePoint)) {
			return true;
		}
		int type = Character.getType(codePoint);
		if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
				|| type == Character.ENCLOSING_MARK) {
			return true;
		}
		return codePoint == ' ' || ".,'_-()".indexOf(codePoint) >= 0;
	}

}
