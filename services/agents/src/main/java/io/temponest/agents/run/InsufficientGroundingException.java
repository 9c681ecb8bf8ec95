package io.temponest.agents.run;

import java.io.Serial;
import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * A run of an agent that requires citations found too few: 422 with the problem type
 * {@value #TYPE}, recorded as a failed execution; the provider was not called.
 */
public class InsufficientGroundingException extends RunFailedException {

	/** The problem type. */
	public static final String TYPE = "https://temponest.io/problems/insufficient-grounding";

	@Serial
	private static final long serialVersionUID = 1L;

	InsufficientGroundingException(UUID executionId, Grounding grounding) {
		super(executionId, HttpStatus.UNPROCESSABLE_CONTENT, detail(grounding));
		getBody().setType(URI.create(TYPE));
		getBody().setTitle("Insufficient grounding");
	}

	static String detail(Grounding grounding) {
		return "found " + grounding.sufficient() + " citations, need at least " + Grounding.REQUIRED + " with score ≥ "
				+ BigDecimal.valueOf(grounding.minScore()).stripTrailingZeros().toPlainString();
	}

}
