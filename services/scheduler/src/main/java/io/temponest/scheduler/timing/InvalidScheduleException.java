package io.temponest.scheduler.timing;

/**
 * A schedule definition (cron expression, interval or timezone) cannot be used; the
 * message is safe to show to the user who wrote it.
 */
public class InvalidScheduleException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message for the user.
	 * @param message what is wrong, in words a user understands
	 */
	public InvalidScheduleException(String message) {
		super(message);
	}

}
