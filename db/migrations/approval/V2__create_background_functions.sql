-- Work across tenants, for the background loops of any number of instances: the functions run as the owner
-- (SECURITY DEFINER, fixed search_path) and only the runtime role may call them.

-- Pending requests whose time is up become 'expired' (at most p_limit, oldest expiry first), each with its
-- audit row and a signal to its workflow, in the caller's transaction. Returns what expired.
CREATE FUNCTION approval.expire_approvals(p_now timestamptz, p_limit integer)
	RETURNS TABLE (approval_id uuid, tenant_id uuid, created_at timestamptz)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = approval, pg_temp
AS $$
	WITH due AS (
		SELECT r.id FROM approval.approval_requests r
		WHERE r.status = 'pending' AND r.expires_at <= p_now
		ORDER BY r.expires_at
		LIMIT p_limit
		FOR UPDATE SKIP LOCKED
	), expired AS (
		UPDATE approval.approval_requests r
		SET status = 'expired', updated_at = p_now
		FROM due
		WHERE r.id = due.id
		RETURNING r.id, r.tenant_id, r.workflow_id, r.run_id, r.created_at, gen_random_uuid() AS decision_id
	), audited AS (
		INSERT INTO approval.audit_log (tenant_id, approval_id, action, actor, details, created_at)
		SELECT e.tenant_id, e.id, 'expire', NULL, jsonb_build_object('decision_id', e.decision_id), p_now
		FROM expired e
	), signalled AS (
		INSERT INTO approval.signal_outbox (id, tenant_id, approval_id, workflow_id, run_id, payload,
			next_attempt_at, created_at)
		SELECT e.decision_id, e.tenant_id, e.id, e.workflow_id, e.run_id,
			jsonb_build_object('approval_id', e.id::text, 'decision_id', e.decision_id::text, 'status', 'expired',
				'approver', NULL, 'reason', 'Approval request expired', 'approval_status', 'expired'),
			p_now, p_now
		FROM expired e
	)
	SELECT e.id, e.tenant_id, e.created_at FROM expired e
$$;

-- Up to p_limit undelivered signals due at p_now, of every tenant, oldest due first; each is leased until
-- p_now + p_lease (not claimed again before, unless marked) and its attempt count goes up.
CREATE FUNCTION approval.claim_signals(p_now timestamptz, p_limit integer, p_lease interval)
	RETURNS TABLE (id uuid, workflow_id varchar, run_id varchar, payload jsonb, attempts integer)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = approval, pg_temp
AS $$
	WITH due AS (
		SELECT s.id FROM approval.signal_outbox s
		WHERE s.delivered_at IS NULL AND s.next_attempt_at <= p_now
		ORDER BY s.next_attempt_at
		LIMIT p_limit
		FOR UPDATE SKIP LOCKED
	)
	UPDATE approval.signal_outbox s
	SET attempts = s.attempts + 1, next_attempt_at = p_now + p_lease
	FROM due
	WHERE s.id = due.id
	RETURNING s.id, s.workflow_id, s.run_id, s.payload, s.attempts
$$;

-- Delivered (or given up with a note, such as a workflow that no longer exists), if still of that attempt.
CREATE FUNCTION approval.signal_delivered(p_id uuid, p_attempt integer, p_at timestamptz, p_note text)
	RETURNS boolean
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = approval, pg_temp
AS $$
	WITH changed AS (
		UPDATE approval.signal_outbox s
		SET delivered_at = p_at, note = left(p_note, 2000)
		WHERE s.id = p_id AND s.attempts = p_attempt AND s.delivered_at IS NULL
		RETURNING 1
	)
	SELECT count(*) > 0 FROM changed
$$;

-- Failed, to be tried again at p_next; p_error says why.
CREATE FUNCTION approval.signal_retry(p_id uuid, p_attempt integer, p_next timestamptz, p_error text)
	RETURNS boolean
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = approval, pg_temp
AS $$
	WITH changed AS (
		UPDATE approval.signal_outbox s
		SET next_attempt_at = p_next, last_error = left(p_error, 2000)
		WHERE s.id = p_id AND s.attempts = p_attempt AND s.delivered_at IS NULL
		RETURNING 1
	)
	SELECT count(*) > 0 FROM changed
$$;

-- For the gauges, over all tenants: requests by status, and signals not yet delivered.
CREATE FUNCTION approval.approval_counts()
	RETURNS TABLE (status varchar, requests bigint)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = approval, pg_temp
AS $$
	SELECT r.status, count(*) FROM approval.approval_requests r GROUP BY r.status
	UNION ALL
	SELECT 'undelivered_signals', count(*) FROM approval.signal_outbox s WHERE s.delivered_at IS NULL
$$;

REVOKE ALL ON FUNCTION approval.expire_approvals(timestamptz, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION approval.claim_signals(timestamptz, integer, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION approval.signal_delivered(uuid, integer, timestamptz, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION approval.signal_retry(uuid, integer, timestamptz, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION approval.approval_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION approval.expire_approvals(timestamptz, integer) TO ${app_role};
GRANT EXECUTE ON FUNCTION approval.claim_signals(timestamptz, integer, interval) TO ${app_role};
GRANT EXECUTE ON FUNCTION approval.signal_delivered(uuid, integer, timestamptz, text) TO ${app_role};
GRANT EXECUTE ON FUNCTION approval.signal_retry(uuid, integer, timestamptz, text) TO ${app_role};
GRANT EXECUTE ON FUNCTION approval.approval_counts() TO ${app_role};
