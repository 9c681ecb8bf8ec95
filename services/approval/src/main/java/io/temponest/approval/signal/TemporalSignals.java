package io.temponest.approval.signal;

import java.util.Map;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowTargetOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Sends {@code approval_signal} to a workflow run through the Temporal client. */
@Component
class TemporalSignals {

	private final WorkflowClient client;

	TemporalSignals(WorkflowClient client) {
		this.client = client;
	}

	/**
	 * Signal a run.
	 * @param workflowId the workflow
	 * @param runId the run
	 * @param payload the signal's argument
	 * @return {@code true} when delivered, {@code false} when the workflow run no longer
	 * exists (or has completed)
	 * @throws RuntimeException when Temporal could not be reached or refused otherwise
	 * (worth retrying)
	 */
	boolean send(String workflowId, String runId, Map<String, @Nullable Object> payload) {
		try {
			this.client
				.newUntypedWorkflowStub(
						WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId).setRunId(runId).build())
				.signal(WorkflowSignal.NAME, payload);
			return true;
		}
		catch (WorkflowNotFoundException ex) {
			return false;
		}
		catch (RuntimeException ex) {
			if (notFound(ex)) {
				return false;
			}
			throw ex;
		}
	}

	private static boolean notFound(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof WorkflowNotFoundException) {
				return true;
			}
			if (cause instanceof StatusRuntimeException status
					&& status.getStatus().getCode() == Status.Code.NOT_FOUND) {
				return true;
			}
		}
		return false;
	}

}
