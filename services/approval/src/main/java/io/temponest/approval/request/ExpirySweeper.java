package io.temponest.approval.request;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.temponest.security.database.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires pending requests whose time is up (each with its audit row and a signal to its
 * workflow, in one transaction; any number of instances may sweep) and refreshes the
 * gauges.
 */
@Component
public class ExpirySweeper {

	private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApprovalMetrics metrics;

	private final ApprovalProperties properties;

	private final Clock clock;

	ExpirySweeper(JdbcClient jdbc, TransactionTemplate transactions, ApprovalMetrics metrics,
			ApprovalProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Expire what is due and refresh the gauges.
	 * @return how many requests expired
	 */
	public int sweep() {
		int total = 0;
		int expired;
		do {
			expired = expireBatch();
			total += expired;
		}
		while (expired == this.properties.sweepBatchSize());
		if (total > 0) {
			log.info("Expired {} approval requests", total);
		}
		refreshGauges();
		return total;
	}

	private int expireBatch() {
		Instant now = this.clock.instant();
		List<Instant> created = this.transactions
			.execute((status) -> this.jdbc.sql("SELECT created_at FROM approval.expire_approvals(:now, :limit)")
				.param("now", Rows.timestamp(now))
				.param("limit", this.properties.sweepBatchSize())
				.query((rs, row) -> Rows.requiredInstant(rs, "created_at"))
				.list());
		if (created == null) {
			return 0;
		}
		created.forEach((at) -> this.metrics.ended(ApprovalStatus.EXPIRED, at, now));
		return created.size();
	}

	private void refreshGauges() {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc.sql("SELECT status, requests FROM approval.approval_counts()")
			.query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("requests")))
			.list();
		this.metrics.counts(counts);
	}

}
