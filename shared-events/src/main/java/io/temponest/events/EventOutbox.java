package io.temponest.events;

import java.time.Clock;
import java.util.UUID;

import io.temponest.security.database.Rows;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes platform events: {@link #publish} writes one row into the service's
 * {@code <schema>.event_outbox} in the current transaction (like
 * {@code Propagation.MANDATORY}: without a transaction it throws), so the event exists
 * exactly when the change it reports is committed. The row is tenant-scoped: the
 * transaction must be the event's tenant's (row-level security refuses any other). After
 * the commit the {@link OutboxRelay} is woken; it delivers the event off the request
 * path.
 */
public final class EventOutbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final EventMetrics metrics;

	private final Runnable wake;

	private final JsonMapper json = JsonMapper.shared();

	private final String insert;

	EventOutbox(JdbcClient jdbc, Clock clock, EventMetrics metrics, Runnable wake, String schema) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.metrics = metrics;
		this.wake = wake;
		this.insert = """
				INSERT INTO %s.event_outbox (id, tenant_id, user_id, type, occurred_at, payload, next_attempt_at)
				VALUES (:id, :tenant, :user, :type, :at, CAST(:payload AS jsonb), :at)
				""".formatted(schema);
	}

	/**
	 * Write an event in the current transaction, to be delivered after it commits.
	 * @param event the event, of the transaction's tenant
	 * @return the event's id (the receivers' deduplication key)
	 * @throws IllegalTransactionStateException when no transaction is active
	 */
	public UUID publish(PlatformEvent event) {
		requireTransaction();
		UUID id = UUID.randomUUID();
		ObjectNode payload = this.json.createObjectNode();
		payload.put("level", event.level().wireName());
		payload.put("resource_type", event.resourceType());
		payload.put("resource_id", event.resourceId());
		payload.put("message", event.message());
		payload.set("details", this.json.valueToTree(event.details()));
		this.jdbc.sql(this.insert)
			.param("id", id)
			.param("tenant", event.tenantId())
			.param("user", event.userId())
			.param("type", event.type())
			.param("at", Rows.timestamp(this.clock.instant()))
			.param("payload", this.json.writeValueAsString(payload))
			.update();
		afterCommit(1);
		return id;
	}

	/**
	 * Note events that the current transaction wrote into the outbox itself (by a
	 * {@code SECURITY DEFINER} function of the service, for work across tenants, in the
	 * row shape of the package documentation): they are counted as published, and the
	 * relay is woken after the commit.
	 * @param count how many events were written
	 * @throws IllegalTransactionStateException when no transaction is active
	 */
	public void written(int count) {
		requireTransaction();
		if (count > 0) {
			afterCommit(count);
		}
	}

	private void afterCommit(int count) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				EventOutbox.this.metrics.published(count);
				EventOutbox.this.wake.run();
			}

		});
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalTransactionStateException(
					"Events are published in the transaction of the change they report, and none is active");
		}
	}

}
