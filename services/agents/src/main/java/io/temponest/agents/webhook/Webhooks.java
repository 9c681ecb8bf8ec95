package io.temponest.agents.webhook;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhooks of the caller's tenant and their deliveries, each operation one
 * transaction of that tenant (row-level security keeps every other tenant's rows out).
 */
@Service
@Transactional
class Webhooks {

	static final String COLUMNS = """
			id, tenant_id, user_id, name, url, description, events, custom_headers, max_retries, retry_delay_seconds,
			timeout_seconds, is_active, created_at, updated_at""";

	static final String DELIVERY_COLUMNS = """
			id, webhook_id, event_id, event_type, payload, status, attempts, max_attempts, last_status_code, last_error,
			response_excerpt, next_attempt_at, delivered_at, created_at, updated_at""";

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

	/** Headers a webhook cannot set: the signed ones and those of the HTTP connection. */
	private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host", "connection",
			"expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-authorization",
			"proxy-connection");

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final UrlGuard guard;

	private final Payloads payloads;

	private final Clock clock;

	private final WebhookProperties properties;

	Webhooks(JdbcClient jdbc, JsonMapper json, UrlGuard guard, Payloads payloads, Clock clock,
			WebhookProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.guard = guard;
		this.payloads = payloads;
		this.clock = clock;
		this.properties = properties;
	}

	WebhookView create(AuthPrincipal caller, WebhookRequest request) {
		checkUrl(request.url());
		List<String> events = events(request.events());
		Map<String, String> headers = headers((request.customHeaders() != null) ? request.customHeaders()
				: (request.headers() != null) ? request.headers() : Map.of());
		WebhookRequest.RetryConfig retry = request.retryConfig();
		Integer maxRetries = (request.maxRetries() != null) ? request.maxRetries()
				: (retry != null) ? retry.maxRetries() : null;
		Integer retryDelay = (request.retryDelaySeconds() != null) ? request.retryDelaySeconds()
				: (retry != null) ? retry.retryDelaySeconds() : null;
		String secret = (request.secret() != null) ? request.secret() : newSecret();
		WebhookView created = this.jdbc.sql("""
				INSERT INTO agents.webhooks (tenant_id, user_id, name, url, description, events, secret, custom_headers,
					max_retries, retry_delay_seconds, timeout_seconds, is_active)
				VALUES (:tenant, :user, :name, :url, :description,
					ARRAY(SELECT jsonb_array_elements_text(CAST(:events AS jsonb))), :secret, CAST(:headers AS jsonb),
					:maxRetries, :retryDelay, :timeout, :active)
				RETURNING""" + " " + COLUMNS)
			.param("tenant", caller.tenantUuid())
			.param("user", caller.userUuid().orElse(null), Types.OTHER)
			.param("name", request.name().strip())
			.param("url", request.url().strip())
			.param("description", request.description(), Types.VARCHAR)
			.param("events", this.json.writeValueAsString(events))
			.param("secret", secret)
			.param("headers", this.json.writeValueAsString(headers))
			.param("maxRetries", (maxRetries != null) ? maxRetries : 3)
			.param("retryDelay", (retryDelay != null) ? retryDelay : 60)
			.param("timeout", (request.timeoutSeconds() != null) ? request.timeoutSeconds() : 30)
			.param("active", request.isActive() == null || request.isActive())
			.query((rs, row) -> webhook(rs))
			.single();
		return created.withSecret(secret);
	}

	@Transactional(readOnly = true)
	Page<WebhookView> list(@Nullable Boolean active, long offset, int limit) {
		List<WebhookView> webhooks = this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM agents.webhooks WHERE (CAST(:active AS boolean) IS NULL OR is_active = :active)
				ORDER BY created_at DESC, id DESC OFFSET :offset LIMIT :limit""")
			.param("active", active, Types.BOOLEAN)
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, row) -> webhook(rs))
			.list();
		long total = this.jdbc.sql("""
				SELECT count(*) FROM agents.webhooks WHERE (CAST(:active AS boolean) IS NULL OR is_active = :active)""")
			.param("active", active, Types.BOOLEAN)
			.query(Long.class)
			.single();
		return new Page<>(webhooks, total);
	}

	@Transactional(readOnly = true)
	WebhookView get(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM agents.webhooks WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> webhook(rs))
			.optional()
			.orElseThrow(WebhookProblems.WebhookNotFoundException::new);
	}

	WebhookView update(UUID id, WebhookPatch patch) {
		if (patch.url() != null) {
			checkUrl(patch.url());
		}
		List<String> events = (patch.events() != null) ? events(patch.events()) : null;
		Map<String, String> given = (patch.customHeaders() != null) ? patch.customHeaders() : patch.headers();
		Map<String, String> headers = (given != null) ? headers(given) : null;
		WebhookRequest.RetryConfig retry = patch.retryConfig();
		Integer maxRetries = (patch.maxRetries() != null) ? patch.maxRetries()
				: (retry != null) ? retry.maxRetries() : null;
		Integer retryDelay = (patch.retryDelaySeconds() != null) ? patch.retryDelaySeconds()
				: (retry != null) ? retry.retryDelaySeconds() : null;
		return this.jdbc.sql("""
				UPDATE agents.webhooks SET
					name = COALESCE(:name, name),
					url = COALESCE(:url, url),
					description = COALESCE(:description, description),
					events = CASE WHEN CAST(:events AS jsonb) IS NULL THEN events
						ELSE ARRAY(SELECT jsonb_array_elements_text(CAST(:events AS jsonb))) END,
					custom_headers = COALESCE(CAST(:headers AS jsonb), custom_headers),
					max_retries = COALESCE(:maxRetries, max_retries),
					retry_delay_seconds = COALESCE(:retryDelay, retry_delay_seconds),
					timeout_seconds = COALESCE(:timeout, timeout_seconds),
					is_active = COALESCE(:active, is_active),
					consecutive_failures = CASE WHEN CAST(:url AS text) <> url THEN 0 ELSE consecutive_failures END,
					circuit_open_until = CASE WHEN CAST(:url AS text) <> url THEN NULL ELSE circuit_open_until END,
					updated_at = now()
				WHERE id = :id
				RETURNING""" + " " + COLUMNS)
			.param("name", (patch.name() != null) ? patch.name().strip() : null, Types.VARCHAR)
			.param("url", (patch.url() != null) ? patch.url().strip() : null, Types.VARCHAR)
			.param("description", patch.description(), Types.VARCHAR)
			.param("events", (events != null) ? this.json.writeValueAsString(events) : null, Types.VARCHAR)
			.param("headers", (headers != null) ? this.json.writeValueAsString(headers) : null, Types.VARCHAR)
			.param("maxRetries", maxRetries, Types.INTEGER)
			.param("retryDelay", retryDelay, Types.INTEGER)
			.param("timeout", patch.timeoutSeconds(), Types.INTEGER)
			.param("active", patch.isActive(), Types.BOOLEAN)
			.param("id", id)
			.query((rs, row) -> webhook(rs))
			.optional()
			.orElseThrow(WebhookProblems.WebhookNotFoundException::new);
	}

	void delete(UUID id) {
		if (this.jdbc.sql("DELETE FROM agents.webhooks WHERE id = :id").param("id", id).update() == 0) {
			throw new WebhookProblems.WebhookNotFoundException();
		}
	}

	String regenerateSecret(UUID id) {
		String secret = newSecret();
		int updated = this.jdbc.sql("UPDATE agents.webhooks SET secret = :secret, updated_at = now() WHERE id = :id")
			.param("secret", secret)
			.param("id", id)
			.update();
		if (updated == 0) {
			throw new WebhookProblems.WebhookNotFoundException();
		}
		return secret;
	}

	@Transactional(readOnly = true)
	Page<DeliveryView> deliveries(UUID webhookId, @Nullable String status, long offset, int limit) {
		get(webhookId);
		List<DeliveryView> deliveries = this.jdbc.sql("SELECT " + DELIVERY_COLUMNS + """
				 FROM agents.webhook_deliveries
				WHERE webhook_id = :webhook AND (CAST(:status AS text) IS NULL OR status = :status)
				ORDER BY created_at DESC, seq DESC OFFSET :offset LIMIT :limit""")
			.param("webhook", webhookId)
			.param("status", status, Types.VARCHAR)
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, row) -> delivery(rs))
			.list();
		long total = this.jdbc.sql("""
				SELECT count(*) FROM agents.webhook_deliveries
				WHERE webhook_id = :webhook AND (CAST(:status AS text) IS NULL OR status = :status)""")
			.param("webhook", webhookId)
			.param("status", status, Types.VARCHAR)
			.query(Long.class)
			.single();
		return new Page<>(deliveries, total);
	}

	@Transactional(readOnly = true)
	DeliveryView delivery(UUID id) {
		return this.jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM agents.webhook_deliveries WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> delivery(rs))
			.optional()
			.orElseThrow(WebhookProblems.DeliveryNotFoundException::new);
	}

	/**
	 * The health of the tenant's webhooks, by name, or of one, in one statement: the
	 * breaker and last attempts as the dispatcher keeps them on the webhook, the hourly
	 * attempt counts of the last 24 hours, the open and dead deliveries.
	 * @param id one webhook, or null for all
	 * @return their health
	 */
	@Transactional(readOnly = true)
	List<WebhookHealth> health(@Nullable UUID id) {
		return this.jdbc.sql("""
				SELECT w.id, w.tenant_id, w.name, w.url, w.is_active, w.consecutive_failures, w.circuit_open_until,
					GREATEST(w.last_success_at, w.last_failure_at) AS last_delivery_at, w.last_success_at,
					w.last_failure_at, w.last_error, a.succeeded, a.failed, q.pending, q.retrying, q.dead,
					CASE
						WHEN NOT w.is_active THEN 'inactive'
						WHEN w.circuit_open_until > :now THEN 'circuit_open'
						WHEN w.consecutive_failures >= :threshold OR (w.consecutive_failures > 0
							AND a.succeeded * 2 < a.succeeded + a.failed) THEN 'failing'
						WHEN w.consecutive_failures > 0
							OR (a.succeeded + a.failed > 0 AND a.succeeded * 20 < (a.succeeded + a.failed) * 19)
							THEN 'degraded'
						ELSE 'healthy'
					END AS status
				FROM agents.webhooks w
				CROSS JOIN LATERAL (
					SELECT COALESCE(sum(s.succeeded), 0) AS succeeded, COALESCE(sum(s.failed), 0) AS failed
					FROM agents.webhook_attempt_stats s
					WHERE s.webhook_id = w.id AND s.hour > CAST(:now AS timestamptz) - interval '24 hours') a
				CROSS JOIN LATERAL (
					SELECT count(*) FILTER (WHERE d.status = 'pending') AS pending,
						count(*) FILTER (WHERE d.status = 'retrying') AS retrying,
						count(*) FILTER (WHERE d.status = 'failed') AS dead
					FROM agents.webhook_deliveries d
					WHERE d.webhook_id = w.id AND d.status IN ('pending', 'retrying', 'failed')) q
				WHERE (CAST(:id AS uuid) IS NULL OR w.id = :id)
				ORDER BY w.name, w.id""")
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("threshold", Math.max(1, this.properties.circuitFailureThreshold()))
			.param("id", id, Types.OTHER)
			.query((rs, row) -> {
				long succeeded = rs.getLong("succeeded");
				long attempts = succeeded + rs.getLong("failed");
				Double rate = (attempts > 0) ? Math.round(succeeded * 10_000.0 / attempts) / 10_000.0 : null;
				return new WebhookHealth(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
						rs.getString("name"), rs.getString("url"), rs.getBoolean("is_active"), rs.getString("status"),
						attempts, succeeded, attempts - succeeded, rate, rs.getInt("consecutive_failures"),
						nullableInstant(rs, "circuit_open_until"), nullableInstant(rs, "last_delivery_at"),
						nullableInstant(rs, "last_success_at"), nullableInstant(rs, "last_failure_at"),
						rs.getString("last_error"), rs.getLong("pending"), rs.getLong("retrying"), rs.getLong("dead"));
			})
			.list();
	}

	/**
	 * Send a delivery again: a delivered or dead one is queued once more with the
	 * webhook's retries; a waiting one is made due now.
	 */
	DeliveryView retry(UUID id) {
		return this.jdbc.sql("""
				UPDATE agents.webhook_deliveries d SET
					status = CASE WHEN d.status IN ('delivered', 'failed') THEN 'pending' ELSE d.status END,
					max_attempts = CASE WHEN d.status IN ('delivered', 'failed') THEN d.attempts + w.max_retries + 1
						ELSE d.max_attempts END,
					next_attempt_at = LEAST(d.next_attempt_at, :now),
					delivered_at = CASE WHEN d.status = 'delivered' THEN NULL ELSE d.delivered_at END,
					updated_at = now()
				FROM agents.webhooks w
				WHERE d.id = :id AND w.id = d.webhook_id
				RETURNING""" + " " + prefixed("d", DELIVERY_COLUMNS))
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", id)
			.query((rs, row) -> delivery(rs))
			.optional()
			.orElseThrow(WebhookProblems.DeliveryNotFoundException::new);
	}

	/** Queue a {@code webhook.test} delivery to a webhook, whatever it subscribes to. */
	DeliveryView test(AuthPrincipal caller, UUID id) {
		WebhookView webhook = get(id);
		UUID eventId = UUID.randomUUID();
		Instant now = this.clock.instant();
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("webhook_id", webhook.id().toString());
		data.put("message", "A test delivery of webhook " + webhook.name());
		data.put("user_id", caller.userUuid().map(UUID::toString).orElse(null));
		String payload = this.payloads.render(eventId, EventCatalogue.TEST, now, caller.tenantUuid(), data);
		return this.jdbc
			.sql("""
					INSERT INTO agents.webhook_deliveries (webhook_id, tenant_id, event_id, event_type, payload, max_attempts,
						next_attempt_at)
					SELECT w.id, w.tenant_id, :event, :type, :payload, w.max_retries + 1, :now
					FROM agents.webhooks w WHERE w.id = :id
					RETURNING"""
					+ " " + DELIVERY_COLUMNS)
			.param("event", eventId)
			.param("type", EventCatalogue.TEST)
			.param("payload", payload)
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", id)
			.query((rs, row) -> delivery(rs))
			.single();
	}

	private void checkUrl(String url) {
		String refusal = this.guard.refusalToSave(url.strip());
		if (refusal != null) {
			throw new WebhookProblems.InvalidWebhookException(refusal);
		}
	}

	private static List<String> events(List<String> names) {
		Set<String> events = new LinkedHashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String canonical = EventCatalogue.canonical(names.get(i).strip());
			if (canonical == null) {
				throw new WebhookProblems.InvalidWebhookException(
						"events[" + i + "] is not a known event (GET /webhooks/events lists them)");
			}
			events.add(canonical);
		}
		return new ArrayList<>(events);
	}

	private static Map<String, String> headers(Map<String, String> given) {
		Map<String, String> headers = new LinkedHashMap<>();
		given.forEach((name, value) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!HEADER_NAME.matcher(name).matches()) {
				throw new WebhookProblems.InvalidWebhookException(
						"headers: a name is not a header name (letters, digits and !#$%&'*+.^_`|~- only)");
			}
			if (RESERVED_HEADERS.contains(lower) || lower.startsWith("x-webhook-")) {
				throw new WebhookProblems.InvalidWebhookException(
						"headers: X-Webhook-*, Content-Type, Host and connection headers are set by the service");
			}
			if (value == null || value.length() > 1000 || value.chars().anyMatch((c) -> c < 0x20 && c != '\t')) {
				throw new WebhookProblems.InvalidWebhookException(
						"headers: values must be up to 1000 characters without control characters");
			}
			headers.put(name, value);
		});
		return headers;
	}

	private static String prefixed(String alias, String columns) {
		List<String> names = new ArrayList<>();
		for (String column : columns.split(",")) {
			names.add(alias + "." + column.strip());
		}
		return String.join(", ", names);
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private WebhookView webhook(ResultSet rs) throws SQLException {
		String[] events = (String[]) rs.getArray("events").getArray();
		Map<String, String> headers = this.json.readValue(rs.getString("custom_headers"), HEADERS);
		int maxRetries = rs.getInt("max_retries");
		int retryDelay = rs.getInt("retry_delay_seconds");
		return new WebhookView(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("name"), rs.getString("url"),
				rs.getString("description"), List.of(events), headers, headers,
				new WebhookView.RetryConfig(maxRetries, retryDelay), maxRetries, retryDelay,
				rs.getInt("timeout_seconds"), rs.getBoolean("is_active"), null, instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private DeliveryView delivery(ResultSet rs) throws SQLException {
		String status = rs.getString("status");
		Integer code = (Integer) rs.getObject("last_status_code");
		String error = rs.getString("last_error");
		int attempts = rs.getInt("attempts");
		boolean open = "pending".equals(status) || "retrying".equals(status);
		return new DeliveryView(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
				rs.getObject("event_id", UUID.class), rs.getString("event_type"),
				this.json.readTree(rs.getString("payload")), "delivered".equals(status) ? "success" : status, attempts,
				attempts, rs.getInt("max_attempts"), code, code, rs.getString("response_excerpt"), error, error,
				open ? instant(rs, "next_attempt_at") : null, nullableInstant(rs, "delivered_at"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * A page of rows.
	 *
	 * @param rows the rows
	 * @param total how many match
	 * @param <T> the row type
	 */
	record Page<T>(List<T> rows, long total) {

	}

}
