package io.temponest.agents.webhook;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.temponest.agents.activity.ActivityRecorded;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues one delivery per active webhook of the tenant subscribed to an activity row's
 * catalogue event, in the transaction that wrote the row (they commit or roll back
 * together), and wakes the dispatcher once that transaction commits.
 */
@Component
class WebhookFanOut {

	private static final String ENQUEUE = """
			INSERT INTO agents.webhook_deliveries (webhook_id, tenant_id, event_id, event_type, payload, max_attempts,
				next_attempt_at)
			SELECT w.id, w.tenant_id, :event, :type, :payload, w.max_retries + 1, :now
			FROM agents.webhooks w
			WHERE w.tenant_id = :tenant AND w.is_active AND :type = ANY (w.events)
			ORDER BY w.id""";

	private final JdbcClient jdbc;

	private final Payloads payloads;

	private final WebhookDispatcher dispatcher;

	private final Clock clock;

	WebhookFanOut(JdbcClient jdbc, Payloads payloads, WebhookDispatcher dispatcher, Clock clock) {
		this.jdbc = jdbc;
		this.payloads = payloads;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	@EventListener
	void on(ActivityRecorded event) {
		String type = EventCatalogue.ofAction(event.action());
		if (type == null) {
			return;
		}
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("service", event.service());
		data.put("level", event.level());
		data.put("message", event.message());
		data.put("user_id", (event.userId() != null) ? event.userId().toString() : null);
		data.put("agent", event.agent());
		data.put("resource_type", event.resourceType());
		data.put("resource_id", event.resourceId());
		data.put("details", event.details());
		String payload = this.payloads.render(event.id(), type, event.occurredAt(), event.tenantId(), data);
		int queued = this.jdbc.sql(ENQUEUE)
			.param("event", event.id())
			.param("type", type)
			.param("payload", payload)
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("tenant", event.tenantId())
			.update();
		if (queued > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					WebhookFanOut.this.dispatcher.wake();
				}
			});
		}
	}

}
