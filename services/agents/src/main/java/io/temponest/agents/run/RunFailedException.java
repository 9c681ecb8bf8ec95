package io.temponest.agents.run;

import java.io.Serial;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.temponest.agents.llm.LlmFailure;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The run failed and was recorded as a failed execution: the provider gave no usable
 * answer (502, 503 or 504 by the failure's kind), or the run was not grounded enough
 * ({@link InsufficientGroundingException}, 422). The problem body's {@code status} member
 * is the run's status, {@code "failed"}, next to {@code error} and {@code task_id},
 * because the run endpoints' clients read a failed run from those fields; the HTTP status
 * code says the rest.
 */
public class RunFailedException extends ErrorResponseException {

	@Serial
	private static final long serialVersionUID = 1L;

	RunFailedException(UUID executionId, LlmFailure failure) {
		this(executionId, failure.kind().status(), failure.getMessage());
	}

	RunFailedException(UUID executionId, HttpStatusCode status, String detail) {
		super(status, new RunFailure(status.value(), detail), null);
		getBody().setProperty("status", "failed");
		getBody().setProperty("error", detail);
		getBody().setProperty("task_id", executionId.toString());
	}

	@Override
	public String getMessage() {
		return String.valueOf(getBody().getDetail());
	}

	/** A problem whose numeric status stays in the HTTP status line. */
	static final class RunFailure extends ProblemDetail {

		@Serial
		private static final long serialVersionUID = 1L;

		RunFailure(int status, String detail) {
			super(status);
			setDetail(detail);
		}

		@Override
		@JsonIgnore
		public int getStatus() {
			return super.getStatus();
		}

	}

}
