package io.temponest.auth.audit;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the audit log inside the caller's transaction, so an audit row exists exactly
 * when the audited change was committed.
 */
@Component
public class AuditLog {

	private static final String INSERT = """
			INSERT INTO auth.audit_log (tenant_id, user_id, action, resource_type, resource_id, details, ip_address,
				user_agent)
			VALUES (:tenantId, :userId, :action, :resourceType, :resourceId, CAST(:details AS jsonb),
				CAST(:ipAddress AS inet), :userAgent)
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Record an event in the current transaction (which must run in the event's tenant).
	 * @param event the event
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditEvent event) {
		this.jdbc.sql(INSERT)
			.param("tenantId", event.tenantId())
			.param("userId", event.userId())
			.param("action", event.action())
			.param("resourceType", event.resourceType())
			.param("resourceId", event.resourceId())
			.param("details", toJson(event.details()))
			.param("ipAddress", event.client().ipAddress())
			.param("userAgent", event.client().userAgent())
			.update();
	}

	/**
	 * Record a failed login for an address that belongs to no account (such a row has no
	 * tenant, so it is written through a dedicated database function).
	 * @param details what to store, for example the attempted email
	 * @param client where the request came from
	 */
	public void recordUnknownLoginFailure(Map<String, ?> details, ClientInfo client) {
		this.jdbc.sql("SELECT auth.record_login_failure(CAST(:details AS jsonb), CAST(:ip AS inet), :agent)")
			.param("details", toJson(details))
			.param("ip", client.ipAddress())
			.param("agent", client.userAgent())
			.query()
			.listOfRows();
	}

	/**
	 * Record a refused token exchange that could not be placed in a tenant (unknown
	 * client, wrong secret, unknown tenant or user), through a dedicated database
	 * function.
	 * @param details what to store, for example the client id and the reason
	 * @param client where the request came from
	 */
	public void recordUnplacedTokenExchangeFailure(Map<String, ?> details, ClientInfo client) {
		this.jdbc.sql("SELECT auth.record_token_exchange_failure(CAST(:details AS jsonb), CAST(:ip AS inet), :agent)")
			.param("details", toJson(details))
			.param("ip", client.ipAddress())
			.param("agent", client.userAgent())
			.query()
			.listOfRows();
	}

	private @Nullable String toJson(@Nullable Map<String, ?> details) {
		return (details != null) ? this.json.writeValueAsString(details) : null;
	}

}
