-- Expired idempotency keys are removed in batches by the service. The runtime role sees only
-- the current tenant's rows (forced RLS), so the purge is one narrow SECURITY DEFINER function
-- that deletes expired rows and nothing else.

CREATE FUNCTION purge_expired_idempotency_keys(p_now timestamptz, p_limit integer) RETURNS integer
	LANGUAGE sql
	SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	WITH expired AS (
		SELECT tenant_id, idempotency_key FROM idempotency_keys
		WHERE expires_at <= p_now
		ORDER BY expires_at
		LIMIT p_limit
		FOR UPDATE SKIP LOCKED
	), deleted AS (
		DELETE FROM idempotency_keys k USING expired e
		WHERE k.tenant_id = e.tenant_id AND k.idempotency_key = e.idempotency_key AND k.expires_at <= p_now
		RETURNING 1
	)
	SELECT count(*)::integer FROM deleted
$$;

REVOKE ALL ON FUNCTION purge_expired_idempotency_keys(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_expired_idempotency_keys(timestamptz, integer) TO ${app_role};
