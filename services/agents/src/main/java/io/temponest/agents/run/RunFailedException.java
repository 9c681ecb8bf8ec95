package io.temponest.agents.run;

import java.util.UUID;

import io.temponest.agents.llm.LlmFailure;
import io.temponest.security.web.DomainException;

/**
 * The provider gave no usable answer: 502, 503 or 504 by the failure's kind, with the
 * problem body also carrying {@code status: "failed"}, {@code error} and {@code task_id}
 * (clients of the run endpoints read those fields). The failed execution is recorded.
 */
public class RunFailedException extends DomainException {

	private static final long serialVersionUID = 1L;

	RunFailedException(UUID executionId, LlmFailure failure) {
		super(failure.kind().status(), failure.getMessage());
		getBody().setProperty("status", "failed");
		getBody().setProperty("error", failure.getMessage());
		getBody().setProperty("task_id", executionId.toString());
	}

}
