package io.temponest.approval.signal;

import java.util.Map;
import java.util.Optional;

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
	 * @return empty when delivered, else why it was not: the workflow run no longer
	 * exists (or has completed)
	 * @throws RuntimeException when Temporal could not be reached or refused otherwise
	 * (worth retrying)
	 */
	Optional<String> send(String workflowId, String runId, Map<String, @Nullable Object> payload) {
		try {
			this.client
				.newUntypedWorkflowStub(
						WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId).setRunId(runId).build())
				.signal(WorkflowSignal.NAME, payload);
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			if (notFound(ex)) {
				return Optional.of(rootMessage(ex));
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

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

}
