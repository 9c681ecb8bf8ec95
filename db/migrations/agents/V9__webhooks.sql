-- Webhooks: a tenant's HTTP endpoints subscribed to platform events, and their deliveries.
-- A delivery is written in the transaction of the activity row that causes it (the payload
-- rendered once, stored as the exact text sent) and sent later by the dispatcher, which
-- claims and marks deliveries of every tenant through the SECURITY DEFINER functions below.

CREATE TABLE webhooks (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	user_id uuid,
	name varchar(255) NOT NULL,
	url varchar(2048) NOT NULL,
	description text,
	events text[] NOT NULL,
	-- 32 random bytes as 64 hex digits: the HMAC key of the signatures, needed in clear to sign.
	secret varchar(128) NOT NULL,
	custom_headers jsonb NOT NULL DEFAULT '{}'::jsonb,
	max_retries integer NOT NULL DEFAULT 3 CHECK (max_retries BETWEEN 0 AND 10),
	retry_delay_seconds integer NOT NULL DEFAULT 60 CHECK (retry_delay_seconds BETWEEN 1 AND 3600),
	timeout_seconds integer NOT NULL DEFAULT 30 CHECK (timeout_seconds BETWEEN 1 AND 120),
	is_active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
-- The list (newest first) and the fan-out (the tenant's active webhooks).
CREATE INDEX webhooks_tenant_created_idx ON webhooks (tenant_id, created_at DESC, id DESC);

CREATE TABLE webhook_deliveries (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	-- The order of a webhook's deliveries (the order their events were recorded in).
	seq bigserial NOT NULL,
	webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
	tenant_id uuid NOT NULL,
	event_id uuid NOT NULL,
	event_type varchar(100) NOT NULL,
	payload text NOT NULL,
	status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'retrying')),
	attempts integer NOT NULL DEFAULT 0,
	max_attempts integer NOT NULL,
	next_attempt_at timestamptz NOT NULL,
	lease_owner varchar(100),
	lease_expires_at timestamptz,
	last_status_code integer,
	last_error text,
	response_excerpt text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	delivered_at timestamptz
);
-- A webhook's deliveries newest first (its list), and its open ones in order (the claim).
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_open_idx ON webhook_deliveries (webhook_id, seq)
	WHERE status IN ('pending', 'retrying');

ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhooks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhooks
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO ${app_role};
GRANT USAGE ON SEQUENCE webhook_deliveries_seq_seq TO ${app_role};

-- Claim up to p_limit due deliveries of every tenant, at most one per webhook: only the oldest
-- open delivery of an active webhook, when its attempt is due and no live lease holds it, so a
-- webhook's deliveries go out one at a time, in order. Each claimed row gets a lease of its
-- webhook's timeout plus p_grace_seconds under p_owner and one more attempt (the attempt
-- number fences the mark). FOR UPDATE SKIP LOCKED: concurrent dispatchers never take the same
-- row; the conditions on the row itself are re-checked on the latest version when it was
-- changed meanwhile.
CREATE FUNCTION claim_webhook_deliveries(p_owner varchar, p_now timestamptz, p_limit integer,
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

-- Record the outcome of attempt p_attempt of a delivery claimed by p_owner: delivered, retrying
-- (next attempt at p_next) or failed (dead letter), with the receiver's status, the error and an
-- excerpt of the response; the lease is released. A row claimed again since (another attempt
-- number or owner) is left alone. Returns whether the row was marked.
CREATE FUNCTION mark_webhook_delivery(p_id uuid, p_owner varchar, p_attempt integer, p_status varchar,
		p_status_code integer, p_error text, p_response text, p_next timestamptz, p_now timestamptz)
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
		RETURNING 1
	)
	SELECT count(*) > 0 FROM marked
$$;

REVOKE ALL ON FUNCTION claim_webhook_deliveries(varchar, timestamptz, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION mark_webhook_delivery(uuid, varchar, integer, varchar, integer, text, text, timestamptz,
	timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_webhook_deliveries(varchar, timestamptz, integer, integer) TO ${app_role};
GRANT EXECUTE ON FUNCTION mark_webhook_delivery(uuid, varchar, integer, varchar, integer, text, text, timestamptz,
	timestamptz) TO ${app_role};
