package io.temponest.agents.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code agents.idempotency_keys} table, always inside a transaction of the caller's
 * tenant. A key is claimed by inserting it; the primary key makes concurrent claims of
 * one key meet, so exactly one request runs. A claim holds the key for a lease, an answer
 * for the key's time to live; an expired key (a claim whose holder stopped, or an old
 * answer) is taken over by the next claim.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class IdempotencyKeys {

	/** What a claim found. */
	sealed interface Claim {

	}

	/** This request holds the key and runs. */
	record Claimed() implements Claim {

	}

	/**
	 * The key's first request finished; its answer.
	 *
	 * @param response the first answer
	 */
	record Answered(JsonNode response) implements Claim {

	}

	/** The key's first request is still running. */
	record Running() implements Claim {

	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	IdempotencyKeys(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Claim claim(UUID tenantId, String key, UUID executionId, Instant now, Instant expiresAt) {
		Optional<UUID> holder = this.jdbc.sql("""
				INSERT INTO agents.idempotency_keys (tenant_id, idempotency_key, execution_id, created_at, expires_at)
				VALUES (:tenant, :key, :execution, :now, :expires)
				ON CONFLICT (tenant_id, idempotency_key) DO UPDATE
					SET execution_id = EXCLUDED.execution_id, response = NULL, created_at = EXCLUDED.created_at,
						expires_at = EXCLUDED.expires_at
					WHERE agents.idempotency_keys.expires_at <= EXCLUDED.created_at
				RETURNING execution_id
				""")
			.param("tenant", tenantId)
			.param("key", key)
			.param("execution", executionId)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expiresAt))
			.query(UUID.class)
			.optional();
		if (holder.isPresent()) {
			return new Claimed();
		}
		return state(tenantId, key).orElseGet(Running::new);
	}

	Optional<Claim> state(UUID tenantId, String key) {
		return this.jdbc.sql(
				"SELECT response::text FROM agents.idempotency_keys WHERE tenant_id = :tenant AND idempotency_key = :key")
			.param("tenant", tenantId)
			.param("key", key)
			.query((rs, row) -> {
				String response = rs.getString(1);
				return (response != null) ? (Claim) new Answered(this.json.readTree(response)) : new Running();
			})
			.optional();
	}

	/**
	 * Record the answer of the key's holder; the key then answers with it until
	 * {@code expiresAt}.
	 */
	void answer(UUID tenantId, String key, UUID executionId, JsonNode response, Instant expiresAt) {
		this.jdbc.sql("""
				UPDATE agents.idempotency_keys SET response = CAST(:response AS jsonb), expires_at = :expires
				WHERE tenant_id = :tenant AND idempotency_key = :key AND execution_id = :execution
				""")
			.param("response", this.json.writeValueAsString(response))
			.param("expires", Timestamp.from(expiresAt))
			.param("tenant", tenantId)
			.param("key", key)
			.param("execution", executionId)
			.update();
	}

	/** Give up a key this holder claimed and has not answered. */
	void release(UUID tenantId, String key, UUID executionId) {
		this.jdbc.sql("""
				DELETE FROM agents.idempotency_keys
				WHERE tenant_id = :tenant AND idempotency_key = :key AND execution_id = :execution
					AND response IS NULL
				""").param("tenant", tenantId).param("key", key).param("execution", executionId).update();
	}

}
