package io.temponest.agents.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Renders an event's body once, when its deliveries are queued:
 * {@code {"id","type","occurred_at","tenant_id","data"}}; the text stored is the exact
 * body sent and signed.
 */
@Component
class Payloads {

	private final JsonMapper json;

	Payloads(JsonMapper json) {
		this.json = json;
	}

	String render(UUID eventId, String type, Instant occurredAt, UUID tenantId, Map<String, @Nullable Object> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", eventId.toString());
		body.put("type", type);
		body.put("occurred_at", occurredAt.toString());
		body.put("tenant_id", tenantId.toString());
		body.put("data", data);
		return this.json.writeValueAsString(body);
	}

}
