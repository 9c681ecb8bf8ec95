package io.temponest.security.health;

import io.temponest.cache.RedisAvailability;
import io.temponest.security.database.DatabaseProbe;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The verdict behind a service's {@code GET /health}: the shared database probe's answer
 * (time-bounded and briefly reused, so an outage shows within about a second), the cache
 * state and any checks of the service's own; 200 when the database answers and every
 * required check passes, else 503. Each service keeps its own body shape and fills it
 * from the report.
 */
public final class HealthReport {

	/** Status of a service whose required checks pass. */
	public static final String HEALTHY = "healthy";

	/** Status of a service with a failed required check. */
	public static final String UNHEALTHY = "unhealthy";

	/** State of a reachable dependency. */
	public static final String CONNECTED = "connected";

	/** State of an unreachable dependency. */
	public static final String DISCONNECTED = "disconnected";

	private final boolean database;

	private final boolean cache;

	private final boolean healthy;

	private HealthReport(boolean database, boolean cache, boolean healthy) {
		this.database = database;
		this.cache = cache;
		this.healthy = healthy;
	}

	/**
	 * Probe the database and read the cache state; the cache never makes a service
	 * unhealthy (services keep working without Redis).
	 * @param database the shared database probe
	 * @param cache the Redis availability
	 * @return the report
	 */
	public static HealthReport check(DatabaseProbe database, RedisAvailability cache) {
		boolean reachable = database.reachable();
		return new HealthReport(reachable, !cache.isDegraded(), reachable);
	}

	/**
	 * This report with another check that must pass for the service to be healthy.
	 * @param check whether the check passed
	 * @return the report
	 */
	public HealthReport require(boolean check) {
		return new HealthReport(this.database, this.cache, this.healthy && check);
	}

	/**
	 * Whether the database answered.
	 * @return whether it is reachable
	 */
	public boolean database() {
		return this.database;
	}

	/**
	 * The database as {@code connected} or {@code disconnected}.
	 * @return the state
	 */
	public String databaseState() {
		return state(this.database);
	}

	/**
	 * The cache as {@code connected} or {@code disconnected}.
	 * @return the state
	 */
	public String cacheState() {
		return state(this.cache);
	}

	/**
	 * Whether the database answered and every required check passed.
	 * @return whether the service is healthy
	 */
	public boolean healthy() {
		return this.healthy;
	}

	/**
	 * {@code healthy} or {@code unhealthy}.
	 * @return the status
	 */
	public String status() {
		return this.healthy ? HEALTHY : UNHEALTHY;
	}

	/**
	 * Answer with a body: 200 when healthy, else 503.
	 * @param <T> the body type
	 * @param body the service's health body
	 * @return the response
	 */
	public <T> ResponseEntity<T> respond(T body) {
		return ResponseEntity.status(this.healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	private static String state(boolean connected) {
		return connected ? CONNECTED : DISCONNECTED;
	}

}
