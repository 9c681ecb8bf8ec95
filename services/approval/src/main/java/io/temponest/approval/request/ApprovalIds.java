package io.temponest.approval.request;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads request ids from paths: anything but a canonical UUID names no request. */
public final class ApprovalIds {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private ApprovalIds() {
	}

	/**
	 * The id in a path.
	 * @param text the path segment
	 * @return the id, or empty when it is no UUID
	 */
	public static Optional<UUID> parse(String text) {
		return UUID_TEXT.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
	}

	/**
	 * The id in a path, or the not-found answer.
	 * @param text the path segment
	 * @return the id
	 * @throws ApprovalException when it is no UUID
	 */
	public static UUID require(String text) {
		return parse(text).orElseThrow(ApprovalException::notFound);
	}

}
