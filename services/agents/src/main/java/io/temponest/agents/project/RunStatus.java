package io.temponest.agents.project;

/** The statuses of a run and which of them are final. */
final class RunStatus {

	/** Every status. */
	static final String ALL = "pending|running|success|failed|cancelled";

	/** The validation message of a status. */
	static final String MESSAGE = "must be pending, running, success, failed or cancelled";

	/** The longest log accepted, in characters. */
	static final int MAX_LOG = 1_000_000;

	private RunStatus() {
	}

	static boolean finished(String status) {
		return "success".equals(status) || "failed".equals(status) || "cancelled".equals(status);
	}

	static boolean started(String status) {
		return !"pending".equals(status);
	}

	static int succeeded(String status) {
		return "success".equals(status) ? 1 : 0;
	}

	static int failed(String status) {
		return "failed".equals(status) ? 1 : 0;
	}

}
