-- A circuit breaker per webhook, its health, and the gauges of the deliveries of every tenant.
-- Every attempt's result is kept on its webhook (consecutive failures, last success, last failure and
-- its error) and counted in hourly buckets (the success rate of the last 24 h). Once a webhook's
-- consecutive failures reach the dispatcher's threshold its circuit opens for a cooldown: the claim
-- skips the webhook, so its deliveries wait (no attempt is spent) and it takes no dispatcher capacity
-- from the other webhooks. After the cooldown the claim takes its oldest open delivery again, the one
-- delivery in flight per webhook being the half-open probe: a success closes the circuit, a failure
-- opens it for another cooldown.

ALTER TABLE webhooks
	ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0,
	ADD COLUMN circuit_open_until timestamptz,
	ADD COLUMN last_success_at timestamptz,
	ADD COLUMN last_failure_at timestamptz,
	ADD COLUMN last_error text;

-- The dead letters of a webhook (health) and of every tenant (gauges).
CREATE INDEX webhook_deliveries_dead_idx ON webhook_deliveries (webhook_id) WHERE status = 'failed';

-- Attempts per webhook and hour (UTC), written by mark_webhook_delivery only; buckets older than
-- two days are removed as the webhook's attempts are marked.
CREATE TABLE webhook_attempt_stats (
	webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
	hour timestamptz NOT NULL,
	tenant_id uuid NOT NULL,
	succeeded integer NOT NULL DEFAULT 0,
	failed integer NOT NULL DEFAULT 0,
	PRIMARY KEY (webhook_id, hour)
);

ALTER TABLE webhook_attempt_stats ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_attempt_stats FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_attempt_stats
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT ON webhook_attempt_stats TO ${app_role};

-- As in V9, and a webhook whose circuit is open is skipped until its cooldown has passed.
CREATE OR REPLACE FUNCTION claim_webhook_deliveries(p_owner varchar, p_now timestamptz, p_limit integer,
		p_grace_seconds integer)
	RETURNS TABLE (id uuid, webhook_id uuid, tenant_id uuid, event_id uuid, event_type varchar, payload text,
		attempts integer, max_attempts integer, url varchar, secret varchar, custom_headers jsonb,
		timeout_seconds integer, retry_delay_seconds integer, created_at timestamptz)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	WITH heads AS (
		SELECT DISTINCT ON (d.webhook_id) d.id
		FROM agents.webhook_deliveries d
		WHERE d.status IN ('pending', 'retrying')
		ORDER BY d.webhook_id, d.seq
	), chosen AS (
		SELECT d.id FROM agents.webhook_deliveries d
		JOIN heads h ON h.id = d.id
		JOIN agents.webhooks w ON w.id = d.webhook_id AND w.is_active
			AND (w.circuit_open_until IS NULL OR w.circuit_open_until <= p_now)
		WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= p_now
			AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= p_now)
			-- a delivery sent again (retry) can be older than one in flight: still one at a time
			AND NOT EXISTS (SELECT 1 FROM agents.webhook_deliveries x
				WHERE x.webhook_id = d.webhook_id AND x.status IN ('pending', 'retrying') AND x.id <> d.id
					AND x.lease_expires_at > p_now)
		ORDER BY d.next_attempt_at
		LIMIT p_limit
		FOR UPDATE OF d SKIP LOCKED
	)
	UPDATE agents.webhook_deliveries d
	SET lease_owner = p_owner,
		lease_expires_at = p_now + make_interval(secs => w.timeout_seconds + p_grace_seconds),
		attempts = d.attempts + 1,
		updated_at = p_now
	FROM chosen, agents.webhooks w
	WHERE d.id = chosen.id AND w.id = d.webhook_id
	RETURNING d.id, d.webhook_id, d.tenant_id, d.event_id, d.event_type, d.payload, d.attempts, d.max_attempts,
		w.url, w.secret, w.custom_headers, w.timeout_seconds, w.retry_delay_seconds, d.created_at
$$;

-- As in V9, and the attempt's result goes to its webhook's breaker and statistics: a delivered
-- attempt resets the consecutive failures and closes the circuit; a failed one (retrying or
-- failed) counts one more and, once the count reaches p_failure_threshold, opens the circuit for
-- p_open_for_seconds from p_now (again after every failed half-open probe).
CREATE FUNCTION mark_webhook_delivery(p_id uuid, p_owner varchar, p_attempt integer, p_status varchar,
		p_status_code integer, p_error text, p_response text, p_next timestamptz, p_now timestamptz,
		p_failure_threshold integer, p_open_for_seconds integer)
	RETURNS boolean
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	WITH marked AS (
		UPDATE agents.webhook_deliveries d
		SET status = p_status,
			last_status_code = p_status_code,
			last_error = p_error,
			response_excerpt = p_response,
			next_attempt_at = COALESCE(p_next, d.next_attempt_at),
			delivered_at = CASE WHEN p_status = 'delivered' THEN p_now ELSE d.delivered_at END,
			lease_owner = NULL,
			lease_expires_at = NULL,
			updated_at = p_now
		WHERE d.id = p_id AND d.lease_owner = p_owner AND d.attempts = p_attempt
			AND p_status IN ('delivered', 'retrying', 'failed')
		RETURNING d.webhook_id, d.tenant_id
	), breaker AS (
		UPDATE agents.webhooks w
		SET consecutive_failures = CASE WHEN p_status = 'delivered' THEN 0 ELSE w.consecutive_failures + 1 END,
			circuit_open_until = CASE
				WHEN p_status = 'delivered' THEN NULL
				WHEN w.consecutive_failures + 1 >= GREATEST(p_failure_threshold, 1)
					THEN p_now + make_interval(secs => p_open_for_seconds)
				ELSE w.circuit_open_until END,
			last_success_at = CASE WHEN p_status = 'delivered' THEN p_now ELSE w.last_success_at END,
			last_failure_at = CASE WHEN p_status = 'delivered' THEN w.last_failure_at ELSE p_now END,
			last_error = CASE WHEN p_status = 'delivered' THEN w.last_error ELSE p_error END
		FROM marked m
		WHERE w.id = m.webhook_id
		RETURNING 1
	), counted AS (
		INSERT INTO agents.webhook_attempt_stats AS s (webhook_id, hour, tenant_id, succeeded, failed)
		SELECT m.webhook_id, date_trunc('hour', p_now, 'UTC'), m.tenant_id,
			CASE WHEN p_status = 'delivered' THEN 1 ELSE 0 END, CASE WHEN p_status = 'delivered' THEN 0 ELSE 1 END
		FROM marked m
		ON CONFLICT (webhook_id, hour) DO UPDATE
			SET succeeded = s.succeeded + EXCLUDED.succeeded, failed = s.failed + EXCLUDED.failed
		RETURNING 1
	), pruned AS (
		DELETE FROM agents.webhook_attempt_stats s
		USING marked m
		WHERE s.webhook_id = m.webhook_id AND s.hour < p_now - interval '48 hours'
		RETURNING 1
	)
	SELECT count(*) > 0 FROM marked
$$;

-- The V9 signature, for an instance of the previous version during a rolling deployment: the
-- default threshold (5 consecutive failures) and cooldown (60 s).
CREATE OR REPLACE FUNCTION mark_webhook_delivery(p_id uuid, p_owner varchar, p_attempt integer, p_status varchar,
		p_status_code integer, p_error text, p_response text, p_next timestamptz, p_now timestamptz)
	RETURNS boolean
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	SELECT agents.mark_webhook_delivery(p_id, p_owner, p_attempt, p_status, p_status_code, p_error, p_response,
		p_next, p_now, 5, 60)
$$;

-- The gauges, every tenant: open deliveries (pending or retrying), the outbox lag (how long the
-- oldest delivery the dispatcher could send now, as the claim would choose it, has been due; 0
-- when none), dead letters, and active webhooks whose circuit is open.
CREATE FUNCTION webhook_backlog(p_now timestamptz)
	RETURNS TABLE (pending bigint, lag_seconds double precision, dead bigint, open_circuits bigint)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	SELECT
		(SELECT count(*) FROM agents.webhook_deliveries d WHERE d.status IN ('pending', 'retrying')),
		(SELECT COALESCE(GREATEST(EXTRACT(EPOCH FROM p_now - min(d.next_attempt_at)), 0), 0)::double precision
			FROM (SELECT DISTINCT ON (o.webhook_id) o.id, o.webhook_id, o.next_attempt_at, o.lease_expires_at
				FROM agents.webhook_deliveries o
				WHERE o.status IN ('pending', 'retrying')
				ORDER BY o.webhook_id, o.seq) d
			JOIN agents.webhooks w ON w.id = d.webhook_id AND w.is_active
				AND (w.circuit_open_until IS NULL OR w.circuit_open_until <= p_now)
			WHERE d.next_attempt_at <= p_now AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= p_now)),
		(SELECT count(*) FROM agents.webhook_deliveries d WHERE d.status = 'failed'),
		(SELECT count(*) FROM agents.webhooks w WHERE w.is_active AND w.circuit_open_until > p_now)
$$;

REVOKE ALL ON FUNCTION mark_webhook_delivery(uuid, varchar, integer, varchar, integer, text, text, timestamptz,
	timestamptz, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION webhook_backlog(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mark_webhook_delivery(uuid, varchar, integer, varchar, integer, text, text, timestamptz,
	timestamptz, integer, integer) TO ${app_role};
GRANT EXECUTE ON FUNCTION webhook_backlog(timestamptz) TO ${app_role};
