package io.temponest.auth.refresh;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What presenting a refresh token did.
 *
 * @param outcome the outcome
 * @param familyId the token's family, when the token is known
 */
public record Consumption(Outcome outcome, @Nullable UUID familyId) {

	/** The possible outcomes. */
	public enum Outcome {

		/** The token was live and is now used: issue its successor. */
		CONSUMED,

		/** The token was already used or revoked: someone replays it. */
		REUSED,

		/** The token is unknown or expired. */
		INVALID

	}

}
