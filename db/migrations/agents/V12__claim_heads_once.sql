-- The claim of V10 with its first step (each webhook's oldest open delivery) computed once. Left to the planner, that
-- step was inlined as the inner side of a nested loop and sorted all open deliveries again for every candidate: with
-- a few thousand queued before the table had statistics (a burst, a restart with a backlog) one claim took about a
-- second and sending fell to about 15 deliveries/s; computed once, the same claim takes about 12 ms
-- (bench/webhooks-bench.sh, docs/PERFORMANCE.md). Same signature, result and grants.
CREATE OR REPLACE FUNCTION claim_webhook_deliveries(p_owner varchar, p_now timestamptz, p_limit integer,
		p_grace_seconds integer)
	RETURNS TABLE (id uuid, webhook_id uuid, tenant_id uuid, event_id uuid, event_type varchar, payload text,
		attempts integer, max_attempts integer, url varchar, secret varchar, custom_headers jsonb,
		timeout_seconds integer, retry_delay_seconds integer, created_at timestamptz)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	WITH heads AS MATERIALIZED (
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
