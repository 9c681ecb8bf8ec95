package io.temponest.approval.request;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A request for an approval or a decision broke a rule; static factories name each case.
 */
public final class ApprovalException extends DomainException {

	private static final long serialVersionUID = 1L;

	private ApprovalException(HttpStatus status, String detail) {
		super(status, detail);
	}

	/**
	 * No such request in the caller's tenant (another tenant's, or a malformed id, looks
	 * the same).
	 * @return the exception
	 */
	public static ApprovalException notFound() {
		return new ApprovalException(HttpStatus.NOT_FOUND, "Approval not found");
	}

	/**
	 * The request already ended.
	 * @return the exception
	 */
	public static ApprovalException alreadyProcessed() {
		return new ApprovalException(HttpStatus.CONFLICT, "Approval already processed");
	}

	/**
	 * The request's time is up.
	 * @return the exception
	 */
	public static ApprovalException expired() {
		return new ApprovalException(HttpStatus.CONFLICT, "Approval has expired");
	}

	/**
	 * The same person decides twice.
	 * @return the exception
	 */
	public static ApprovalException alreadyDecided() {
		return new ApprovalException(HttpStatus.CONFLICT, "You have already decided on this approval");
	}

	/**
	 * The requester decides their own request.
	 * @return the exception
	 */
	public static ApprovalException ownRequest() {
		return new ApprovalException(HttpStatus.FORBIDDEN, "Requesters cannot decide their own approval requests");
	}

	/**
	 * A caller that is no user (a service API key) asks or decides.
	 * @return the exception
	 */
	public static ApprovalException userRequired() {
		return new ApprovalException(HttpStatus.FORBIDDEN,
				"Approvals are requested and decided by users: use a user's token or a user's API key");
	}

	/**
	 * A denial without a reason.
	 * @return the exception
	 */
	public static ApprovalException reasonRequired() {
		return new ApprovalException(HttpStatus.UNPROCESSABLE_CONTENT, "A reason is required to deny an approval");
	}

	/**
	 * A reason longer than 5000 characters.
	 * @return the exception
	 */
	public static ApprovalException reasonTooLong() {
		return new ApprovalException(HttpStatus.UNPROCESSABLE_CONTENT, "A reason has at most 5000 characters");
	}

}
