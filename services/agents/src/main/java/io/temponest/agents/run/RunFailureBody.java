package io.temponest.agents.run;

/**
 * The documented body of a run the provider failed (502, 503, 504): an RFC 9457 problem
 * whose {@code status} member is the run's status.
 *
 * @param type the problem type
 * @param title the status's reason phrase
 * @param status always {@code failed}
 * @param detail what happened at the provider
 * @param error the same as {@code detail}
 * @param taskId the recorded failed execution
 * @param instance the occurrence, named by the request id
 * @param service the service that answered
 * @param requestId the request id
 */
public record RunFailureBody(String type, String title, String status, String detail, String error, String taskId,
		String instance, String service, String requestId) {

}
