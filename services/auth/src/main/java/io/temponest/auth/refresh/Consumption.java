package io.temponest.auth.refresh;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What presenting a refresh token did.
 *
 * @param outcome the outcome
 * @param familyId the token's family, when the token is known
 * @param successor the token's live successor, for {@link Outcome#GRACE} only
 */
public record Consumption(Outcome outcome, @Nullable UUID familyId, @Nullable Successor successor) {

	/**
	 * An outcome without a successor.
	 * @param outcome the outcome
	 * @param familyId the token's family, when the token is known
	 */
	public Consumption(Outcome outcome, @Nullable UUID familyId) {
		this(outcome, familyId, null);
	}

	/** The possible outcomes. */
	public enum Outcome {

		/** The token was live and is now used: issue its successor. */
		CONSUMED,

		/**
		 * The token was rotated within the reuse grace period and its successor is still
		 * unused (a lost response, or concurrent refreshes): hand out that same successor
		 * again.
		 */
		GRACE,

		/** The token was already used or revoked: someone replays it. */
		REUSED,

		/** The token is unknown or expired. */
		INVALID

	}

	/**
	 * The stored successor of a token, enough to sign it again identically.
	 *
	 * @param jti its id
	 * @param issuedAt its {@code iat}
	 * @param expiresAt its {@code exp}
	 */
	public record Successor(UUID jti, Instant issuedAt, Instant expiresAt) {

	}

}
