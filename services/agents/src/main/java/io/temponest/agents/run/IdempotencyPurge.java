package io.temponest.agents.run;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes expired idempotency keys of every tenant, in batches, every few minutes (a
 * claim takes over an expired key anyway; this keeps the table small). Any number of
 * instances may run it: each batch skips rows another one holds.
 */
@Component
class IdempotencyPurge {

	private static final Logger logger = LoggerFactory.getLogger(IdempotencyPurge.class);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	IdempotencyPurge(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${temponest.agents.idempotency-purge-interval:10m}",
			fixedDelayString = "${temponest.agents.idempotency-purge-interval:10m}")
	void purgeOnSchedule() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not purge expired idempotency keys: {}", ex.getMessage());
		}
	}

	/**
	 * Delete every key expired by now.
	 * @return how many were deleted
	 */
	int purge() {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql("SELECT agents.purge_expired_idempotency_keys(:now, :limit)")
				.param("now", Timestamp.from(this.clock.instant()))
				.param("limit", BATCH)
				.query(Integer.class)
				.single();
			total += deleted;
		}
		while (deleted == BATCH);
		return total;
	}

}
