-- The claim per webhook, and the next delivery of a webhook claimed with the mark of the one before.
-- 1. The claim found each webhook's oldest open delivery by reading and sorting every open delivery, so each pass
--    cost as much as the whole queue and slowed as a backlog grew. It now goes through the active webhooks whose
--    circuit is closed and reads each one's oldest open delivery from webhook_deliveries_open_idx (V9), and whether
--    another of its open deliveries is in flight from the small index below: a pass costs as much as the active
--    webhooks, whatever the queue. Same signature, rules, result and grants.
-- 2. The claim and the mark are PL/pgSQL: a SQL-language function is parsed and planned again at every call (about
--    3 ms of a 4.6 ms claim at 10,000 open deliveries), a PL/pgSQL statement once per connection. The mark writes
--    the webhook row and prunes statistics only when they change (below).
-- 3. A webhook's next delivery waited for the dispatcher's next pass after the mark of the one before.
--    mark_webhook_delivery_and_claim_next marks an attempt as mark_webhook_delivery does and, when it was delivered,
--    claims the same webhook's next delivery in the same transaction under the same rules (its oldest open delivery,
--    due, not leased, no other one in flight, the webhook active and its circuit closed, SKIP LOCKED), so the
--    dispatcher sends it at once. Nothing is claimed after a failed attempt.

-- A webhook's open deliveries under a lease (in flight, or a lease not yet cleared): at most a few per webhook.
CREATE INDEX webhook_deliveries_leased_idx ON webhook_deliveries (webhook_id)
	WHERE status IN ('pending', 'retrying') AND lease_expires_at IS NOT NULL;

-- As in V10: up to p_limit due deliveries of every tenant, at most one per webhook, oldest due first.
CREATE OR REPLACE FUNCTION claim_webhook_deliveries(p_owner varchar, p_now timestamptz, p_limit integer,
		p_grace_seconds integer)
	RETURNS TABLE (id uuid, webhook_id uuid, tenant_id uuid, event_id uuid, event_type varchar, payload text,
		attempts integer, max_attempts integer, url varchar, secret varchar, custom_headers jsonb,
		timeout_seconds integer, retry_delay_seconds integer, created_at timestamptz)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
#variable_conflict use_column
BEGIN
	RETURN QUERY
	WITH chosen AS (
		SELECT d.id FROM agents.webhooks w
		CROSS JOIN LATERAL (
			SELECT o.id FROM agents.webhook_deliveries o
			WHERE o.webhook_id = w.id AND o.status IN ('pending', 'retrying')
			ORDER BY o.seq
			LIMIT 1
		) h
		JOIN agents.webhook_deliveries d ON d.id = h.id
		WHERE w.is_active AND (w.circuit_open_until IS NULL OR w.circuit_open_until <= p_now)
			-- on the row itself, so re-checked on its latest version when it was changed meanwhile
			AND d.status IN ('pending', 'retrying') AND d.next_attempt_at <= p_now
			AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= p_now)
			-- a delivery sent again (retry) can be older than one in flight: still one at a time
			AND NOT EXISTS (SELECT 1 FROM agents.webhook_deliveries x
				WHERE x.webhook_id = w.id AND x.status IN ('pending', 'retrying') AND x.lease_expires_at > p_now
					AND x.id <> d.id)
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
		w.url, w.secret, w.custom_headers, w.timeout_seconds, w.retry_delay_seconds, d.created_at;
END
$$;

-- The claim above for one webhook: its oldest open delivery when it is due and may be sent now (none otherwise).
-- Called by mark_webhook_delivery_and_claim_next only. The same statement with the webhook fixed, rather than one
-- function with an optional webhook: a SQL function's plan is generic, so "p_webhook IS NULL OR w.id = p_webhook"
-- would read every webhook for each chained delivery instead of one by its key.
CREATE FUNCTION claim_next_webhook_delivery(p_webhook uuid, p_owner varchar, p_now timestamptz,
		p_grace_seconds integer)
	RETURNS TABLE (id uuid, webhook_id uuid, tenant_id uuid, event_id uuid, event_type varchar, payload text,
		attempts integer, max_attempts integer, url varchar, secret varchar, custom_headers jsonb,
		timeout_seconds integer, retry_delay_seconds integer, created_at timestamptz)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
#variable_conflict use_column
BEGIN
	RETURN QUERY
	WITH chosen AS (
		SELECT d.id FROM agents.webhooks w
		CROSS JOIN LATERAL (
			SELECT o.id FROM agents.webhook_deliveries o
			WHERE o.webhook_id = w.id AND o.status IN ('pending', 'retrying')
			ORDER BY o.seq
			LIMIT 1
		) h
		JOIN agents.webhook_deliveries d ON d.id = h.id
		WHERE w.id = p_webhook AND w.is_active AND (w.circuit_open_until IS NULL OR w.circuit_open_until <= p_now)
			AND d.status IN ('pending', 'retrying') AND d.next_attempt_at <= p_now
			AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= p_now)
			AND NOT EXISTS (SELECT 1 FROM agents.webhook_deliveries x
				WHERE x.webhook_id = w.id AND x.status IN ('pending', 'retrying') AND x.lease_expires_at > p_now
					AND x.id <> d.id)
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
		w.url, w.secret, w.custom_headers, w.timeout_seconds, w.retry_delay_seconds, d.created_at;
END
$$;

-- V10's mark as PL/pgSQL (planned once per connection), in steps that skip the writes a delivered attempt does not
-- need: the webhook row is written only when the breaker changes or its last success is over a second old (a
-- steady stream of deliveries updated it for each one), and old statistics buckets are pruned only when an attempt
-- opens a new hour's bucket. Same signature, rules, result and grants.
CREATE OR REPLACE FUNCTION mark_webhook_delivery(p_id uuid, p_owner varchar, p_attempt integer, p_status varchar,
		p_status_code integer, p_error text, p_response text, p_next timestamptz, p_now timestamptz,
		p_failure_threshold integer, p_open_for_seconds integer)
	RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
DECLARE
	v_webhook uuid;
	v_tenant uuid;
	v_delivered boolean := p_status = 'delivered';
	v_new_bucket boolean;
BEGIN
	UPDATE agents.webhook_deliveries d
	SET status = p_status,
		last_status_code = p_status_code,
		last_error = p_error,
		response_excerpt = p_response,
		next_attempt_at = COALESCE(p_next, d.next_attempt_at),
		delivered_at = CASE WHEN v_delivered THEN p_now ELSE d.delivered_at END,
		lease_owner = NULL,
		lease_expires_at = NULL,
		updated_at = p_now
	WHERE d.id = p_id AND d.lease_owner = p_owner AND d.attempts = p_attempt
		AND p_status IN ('delivered', 'retrying', 'failed')
	RETURNING d.webhook_id, d.tenant_id INTO v_webhook, v_tenant;
	IF NOT FOUND THEN
		RETURN false;
	END IF;

	IF v_delivered THEN
		UPDATE agents.webhooks w
		SET consecutive_failures = 0, circuit_open_until = NULL, last_success_at = p_now
		WHERE w.id = v_webhook AND (w.consecutive_failures <> 0 OR w.circuit_open_until IS NOT NULL
			OR w.last_success_at IS NULL OR w.last_success_at < p_now - interval '1 second');
	ELSE
		UPDATE agents.webhooks w
		SET consecutive_failures = w.consecutive_failures + 1,
			circuit_open_until = CASE
				WHEN w.consecutive_failures + 1 >= GREATEST(p_failure_threshold, 1)
					THEN p_now + make_interval(secs => p_open_for_seconds)
				ELSE w.circuit_open_until END,
			last_failure_at = p_now,
			last_error = p_error
		WHERE w.id = v_webhook;
	END IF;

	INSERT INTO agents.webhook_attempt_stats AS s (webhook_id, hour, tenant_id, succeeded, failed)
	VALUES (v_webhook, date_trunc('hour', p_now, 'UTC'), v_tenant, CASE WHEN v_delivered THEN 1 ELSE 0 END,
		CASE WHEN v_delivered THEN 0 ELSE 1 END)
	ON CONFLICT (webhook_id, hour) DO UPDATE
		SET succeeded = s.succeeded + EXCLUDED.succeeded, failed = s.failed + EXCLUDED.failed
	RETURNING (s.xmax = 0) INTO v_new_bucket;
	IF v_new_bucket THEN
		DELETE FROM agents.webhook_attempt_stats s
		WHERE s.webhook_id = v_webhook AND s.hour < p_now - interval '48 hours';
	END IF;
	RETURN true;
END
$$;

-- mark_webhook_delivery (V10), then, when the attempt was marked delivered and p_claim_next is set, the claim of its
-- webhook's next delivery under p_owner (claim_next_webhook_delivery, seeing the mark). One row: whether the attempt
-- was marked, and the claimed delivery (its columns null when none was claimed).
CREATE FUNCTION mark_webhook_delivery_and_claim_next(p_id uuid, p_owner varchar, p_attempt integer,
		p_status varchar, p_status_code integer, p_error text, p_response text, p_next timestamptz, p_now timestamptz,
		p_failure_threshold integer, p_open_for_seconds integer, p_claim_next boolean, p_grace_seconds integer)
	RETURNS TABLE (marked boolean, id uuid, webhook_id uuid, tenant_id uuid, event_id uuid, event_type varchar,
		payload text, attempts integer, max_attempts integer, url varchar, secret varchar, custom_headers jsonb,
		timeout_seconds integer, retry_delay_seconds integer, created_at timestamptz)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
DECLARE
	v_marked boolean;
	v_webhook uuid;
BEGIN
	v_marked := agents.mark_webhook_delivery(p_id, p_owner, p_attempt, p_status, p_status_code, p_error,
		p_response, p_next, p_now, p_failure_threshold, p_open_for_seconds);
	IF v_marked AND p_status = 'delivered' AND p_claim_next THEN
		SELECT d.webhook_id INTO v_webhook FROM agents.webhook_deliveries d WHERE d.id = p_id;
		RETURN QUERY SELECT true, c.id, c.webhook_id, c.tenant_id, c.event_id, c.event_type, c.payload, c.attempts,
			c.max_attempts, c.url, c.secret, c.custom_headers, c.timeout_seconds, c.retry_delay_seconds, c.created_at
			FROM agents.claim_next_webhook_delivery(v_webhook, p_owner, p_now, p_grace_seconds) c;
		IF FOUND THEN
			RETURN;
		END IF;
	END IF;
	RETURN QUERY SELECT v_marked, NULL::uuid, NULL::uuid, NULL::uuid, NULL::uuid, NULL::varchar, NULL::text,
		NULL::integer, NULL::integer, NULL::varchar, NULL::varchar, NULL::jsonb, NULL::integer, NULL::integer,
		NULL::timestamptz;
END
$$;

REVOKE ALL ON FUNCTION claim_next_webhook_delivery(uuid, varchar, timestamptz, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION mark_webhook_delivery_and_claim_next(uuid, varchar, integer, varchar, integer, text, text,
	timestamptz, timestamptz, integer, integer, boolean, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mark_webhook_delivery_and_claim_next(uuid, varchar, integer, varchar, integer, text, text,
	timestamptz, timestamptz, integer, integer, boolean, integer) TO ${app_role};
