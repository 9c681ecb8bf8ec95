package io.temponest.approval.health;

/**
 * Body of {@code GET /health} in the clients' shape, plus the service name and cache
 * state.
 *
 * @param status {@code healthy} when the database answers, else {@code unhealthy}
 * (Temporal being away does not make the service unhealthy: signals wait in the outbox)
 * @param service always {@code approval}
 * @param database {@code connected} or {@code disconnected}
 * @param temporal {@code connected} or {@code disconnected}
 * @param cache {@code connected} or {@code disconnected}
 */
record ApprovalHealth(String status, String service, String database, String temporal, String cache) {

}
