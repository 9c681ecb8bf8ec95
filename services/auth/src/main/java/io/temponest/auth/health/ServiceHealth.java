package io.temponest.auth.health;

/**
 * Body of {@code GET /health}, in the original's shape.
 *
 * @param status {@code healthy}, or {@code unhealthy} when the database is unreachable
 * @param service always {@code auth}
 * @param database {@code connected} or {@code disconnected}
 * @param cache {@code connected} or {@code disconnected} (the service keeps working
 * without Redis)
 */
record ServiceHealth(String status, String service, String database, String cache) {

	boolean healthy() {
		return "healthy".equals(this.status);
	}

}
