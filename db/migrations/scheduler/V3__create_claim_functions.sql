-- The poller's cross-tenant work. Due schedules and ready executions of every tenant are found
-- and claimed by SECURITY DEFINER functions owned by the owner role (BYPASSRLS), with a fixed
-- search_path, executable only by the runtime role. Each returns the tenant of every row it
-- touched; running and finishing an execution then happens under row-level security with that
-- tenant set. Rows are claimed with FOR UPDATE SKIP LOCKED, so concurrent pollers never take
-- the same row and never wait for each other.

-- Step 1 (in the caller's transaction): lock up to p_limit due schedules. The locks last until
-- the caller commits, after it has opened their executions with open_scheduled_executions.
CREATE FUNCTION lock_due_schedules(p_now timestamptz, p_limit integer)
	RETURNS TABLE (id uuid, tenant_id uuid, schedule_type schedule_type, cron_expression varchar,
		interval_seconds integer, timezone varchar, next_execution_at timestamptz)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	SELECT t.id, t.tenant_id, t.schedule_type, t.cron_expression, t.interval_seconds, t.timezone,
		t.next_execution_at
	FROM scheduler.scheduled_tasks t
	WHERE t.is_active AND NOT t.is_paused AND t.next_execution_at IS NOT NULL AND t.next_execution_at <= p_now
	ORDER BY t.next_execution_at
	LIMIT p_limit
	FOR UPDATE SKIP LOCKED
$$;

-- Step 2 (same transaction): for each locked schedule, record one pending execution for the
-- occurrence p_due[i] and move the schedule on to p_next[i] (NULL: nothing further). The
-- guard on next_execution_at and the unique occurrence index make a repeated call a no-op.
-- Returns the number of executions opened.
CREATE FUNCTION open_scheduled_executions(p_ids uuid[], p_due timestamptz[], p_next timestamptz[])
	RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	WITH claim AS (
		SELECT c.id, c.due, c.next FROM unnest(p_ids, p_due, p_next) AS c (id, due, next)
	), advanced AS (
		UPDATE scheduler.scheduled_tasks t
		SET next_execution_at = claim.next, execution_seq = t.execution_seq + 1
		FROM claim
		WHERE t.id = claim.id AND t.next_execution_at = claim.due
		RETURNING t.id, t.tenant_id, t.user_id, t.agent_name, t.max_retries, t.execution_seq, claim.due
	), opened AS (
		INSERT INTO scheduler.task_executions (scheduled_task_id, tenant_id, user_id, execution_number, triggered_by,
			status, agent_name, scheduled_for, next_attempt_at, max_retries)
		SELECT a.id, a.tenant_id, a.user_id, a.execution_seq, 'schedule', 'pending', a.agent_name, a.due, a.due,
			a.max_retries
		FROM advanced a
		ON CONFLICT DO NOTHING
		RETURNING 1
	)
	SELECT count(*)::integer FROM opened
$$;

-- Claim up to p_limit executions that are ready: pending ones whose attempt is due, and running
-- ones whose lease has expired (their instance died or lost its connection). Each claimed row
-- becomes running under p_owner with a lease of the schedule's timeout plus p_grace_seconds,
-- and its attempt count goes up; the attempt number fences the result write. started_at keeps
-- the first attempt's start (the lag metric is started_at - scheduled_for).
CREATE FUNCTION claim_executions(p_owner varchar, p_now timestamptz, p_limit integer, p_grace_seconds integer)
	RETURNS TABLE (id uuid, tenant_id uuid, user_id uuid, scheduled_task_id uuid, execution_number integer,
		attempt integer, lease_expired boolean, scheduled_for timestamptz, started_at timestamptz,
		agent_name varchar, task_payload jsonb, project_id varchar, workflow_id varchar,
		timeout_seconds integer, max_retries integer, retry_delay_seconds integer)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	WITH expired AS (
		SELECT e.id FROM scheduler.task_executions e
		WHERE e.status = 'running' AND e.lease_expires_at <= p_now
		ORDER BY e.lease_expires_at LIMIT p_limit FOR UPDATE SKIP LOCKED
	), pending AS (
		SELECT e.id FROM scheduler.task_executions e
		WHERE e.status = 'pending' AND e.next_attempt_at <= p_now
		ORDER BY e.next_attempt_at LIMIT p_limit FOR UPDATE SKIP LOCKED
	), chosen AS (
		SELECT ready.id, ready.expired
		FROM (SELECT expired.id, true AS expired FROM expired
			UNION ALL SELECT pending.id, false FROM pending) ready
		LIMIT p_limit
	)
	UPDATE scheduler.task_executions e
	SET status = 'running',
		lease_owner = p_owner,
		lease_expires_at = p_now + make_interval(secs => t.timeout_seconds + p_grace_seconds),
		retry_count = e.attempts,
		attempts = e.attempts + 1,
		started_at = COALESCE(e.started_at, p_now),
		error_message = CASE WHEN chosen.expired THEN 'Lease of ' || e.lease_owner || ' expired' ELSE e.error_message END
	FROM chosen, scheduler.scheduled_tasks t
	WHERE e.id = chosen.id AND t.id = e.scheduled_task_id
	RETURNING e.id, e.tenant_id, e.user_id, e.scheduled_task_id, e.execution_number, e.attempts, chosen.expired,
		e.scheduled_for, e.started_at, t.agent_name, t.task_payload, t.project_id, t.workflow_id,
		t.timeout_seconds, t.max_retries, t.retry_delay_seconds
$$;

-- For the metrics, over all tenants: runnable schedules, and since when the oldest occurrence or
-- attempt that is due has been waiting to start (NULL when nothing waits).
CREATE FUNCTION scheduler_backlog(p_now timestamptz)
	RETURNS TABLE (active_schedules bigint, waiting_since timestamptz)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	SELECT
		(SELECT count(*) FROM scheduler.scheduled_tasks WHERE is_active AND NOT is_paused),
		LEAST(
			(SELECT min(next_execution_at) FROM scheduler.scheduled_tasks
				WHERE is_active AND NOT is_paused AND next_execution_at IS NOT NULL AND next_execution_at <= p_now),
			(SELECT min(next_attempt_at) FROM scheduler.task_executions
				WHERE status = 'pending' AND next_attempt_at <= p_now))
$$;

REVOKE ALL ON FUNCTION lock_due_schedules(timestamptz, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION open_scheduled_executions(uuid[], timestamptz[], timestamptz[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION claim_executions(varchar, timestamptz, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION scheduler_backlog(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lock_due_schedules(timestamptz, integer) TO ${app_role};
GRANT EXECUTE ON FUNCTION open_scheduled_executions(uuid[], timestamptz[], timestamptz[]) TO ${app_role};
GRANT EXECUTE ON FUNCTION claim_executions(varchar, timestamptz, integer, integer) TO ${app_role};
GRANT EXECUTE ON FUNCTION scheduler_backlog(timestamptz) TO ${app_role};
