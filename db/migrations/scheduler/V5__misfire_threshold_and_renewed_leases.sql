-- Misfire threshold and short, renewed leases.
--
-- Opening due occurrences: every missed occurrence that is at most the misfire threshold late runs
-- (each its own execution, numbered in order), older ones are skipped and recorded as one 'skipped'
-- execution per schedule and poll (the caller decides which is which and caps the runs per poll).
--
-- Leases: a claimed attempt's lease is short (the instance's lease duration, not the run's timeout)
-- and the instance renews the leases of all its runs in flight in one statement; an instance that
-- dies stops renewing, and its runs are claimed again once the lease has expired.

-- A schedule may set its own threshold (NULL: the service's misfire-threshold).
ALTER TABLE scheduled_tasks ADD COLUMN misfire_threshold_seconds integer
	CHECK (misfire_threshold_seconds BETWEEN 0 AND 31536000);

DROP FUNCTION lock_due_schedules(timestamptz, integer);
DROP FUNCTION open_scheduled_executions(uuid[], timestamptz[], timestamptz[]);
DROP FUNCTION claim_executions(varchar, timestamptz, integer, integer);

-- Step 1 (in the caller's transaction): lock up to p_limit due schedules. The locks last until
-- the caller commits, after it has opened their executions with open_scheduled_executions.
CREATE FUNCTION lock_due_schedules(p_now timestamptz, p_limit integer)
	RETURNS TABLE (id uuid, tenant_id uuid, schedule_type schedule_type, cron_expression varchar,
		interval_seconds integer, timezone varchar, next_execution_at timestamptz, misfire_threshold_seconds integer)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	SELECT t.id, t.tenant_id, t.schedule_type, t.cron_expression, t.interval_seconds, t.timezone,
		t.next_execution_at, t.misfire_threshold_seconds
	FROM scheduler.scheduled_tasks t
	WHERE t.is_active AND NOT t.is_paused AND t.next_execution_at IS NOT NULL AND t.next_execution_at <= p_now
	ORDER BY t.next_execution_at
	LIMIT p_limit
	FOR UPDATE SKIP LOCKED
$$;

-- For each locked schedule p_ids[i] whose next_execution_at is still p_due[i]: record a 'skipped'
-- execution for the occurrence p_skip_from[i] (the first one skipped) when p_skipped[i] > 0
-- (error_message p_skip_notes[i]), one
-- pending execution per occurrence of that schedule in p_run_ids/p_run_at, and move the schedule on
-- to p_next[i] (NULL: nothing further). The guard on next_execution_at and the unique occurrence
-- index make a repeated call a no-op. Returns the pending executions opened and the occurrences
-- skipped by the schedules moved on.
CREATE FUNCTION open_scheduled_executions(p_now timestamptz, p_ids uuid[], p_due timestamptz[],
		p_next timestamptz[], p_skipped integer[], p_skip_from timestamptz[], p_skip_notes text[], p_run_ids uuid[],
		p_run_at timestamptz[])
	RETURNS TABLE (opened integer, skipped bigint)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	WITH run AS (
		SELECT r.id, r.at, row_number() OVER (PARTITION BY r.id ORDER BY r.at)::integer AS n
		FROM unnest(p_run_ids, p_run_at) AS r (id, at)
	), run_count AS (
		SELECT run.id, count(*)::integer AS runs FROM run GROUP BY run.id
	), claim AS (
		SELECT c.id, c.due, c.next, c.skipped, c.skip_from, c.note, (c.skipped > 0)::integer AS skip_rows,
			COALESCE(rc.runs, 0) AS runs
		FROM unnest(p_ids, p_due, p_next, p_skipped, p_skip_from, p_skip_notes)
			AS c (id, due, next, skipped, skip_from, note)
		LEFT JOIN run_count rc ON rc.id = c.id
	), advanced AS (
		UPDATE scheduler.scheduled_tasks t
		SET next_execution_at = claim.next, execution_seq = t.execution_seq + claim.skip_rows + claim.runs
		FROM claim
		WHERE t.id = claim.id AND t.next_execution_at = claim.due
		RETURNING t.id, t.tenant_id, t.user_id, t.agent_name, t.max_retries,
			t.execution_seq - claim.skip_rows - claim.runs AS seq_before, claim.skip_from, claim.skipped,
			claim.skip_rows, claim.note
	), opening AS (
		SELECT a.id, a.tenant_id, a.user_id, a.seq_before + 1 AS execution_number,
			'skipped'::scheduler.execution_status AS status, a.agent_name, a.skip_from AS scheduled_for, a.max_retries,
			p_now AS completed_at, a.note AS error_message
		FROM advanced a
		WHERE a.skip_rows = 1
		UNION ALL
		SELECT a.id, a.tenant_id, a.user_id, a.seq_before + a.skip_rows + run.n,
			'pending'::scheduler.execution_status, a.agent_name, run.at, a.max_retries, NULL::timestamptz, NULL::text
		FROM advanced a
		JOIN run ON run.id = a.id
	), opened AS (
		INSERT INTO scheduler.task_executions (scheduled_task_id, tenant_id, user_id, execution_number, triggered_by,
			status, agent_name, scheduled_for, next_attempt_at, max_retries, completed_at, error_message)
		SELECT o.id, o.tenant_id, o.user_id, o.execution_number, 'schedule', o.status, o.agent_name, o.scheduled_for,
			o.scheduled_for, o.max_retries, o.completed_at, o.error_message
		FROM opening o
		ON CONFLICT DO NOTHING
		RETURNING status
	)
	SELECT (SELECT count(*)::integer FROM opened WHERE opened.status = 'pending'),
		(SELECT COALESCE(sum(a.skipped), 0)::bigint FROM advanced a)
$$;

-- Claim up to p_limit executions that are ready: pending ones whose attempt is due, and running
-- ones whose lease has expired (their instance died, or lost the database for longer than a lease).
-- Each claimed row becomes running under p_owner with a lease of p_lease from p_now, which the owner
-- renews while the run is alive (renew_leases), and its attempt count goes up; the attempt number
-- fences the result write. started_at keeps the first attempt's start (the lag metric is
-- started_at - scheduled_for).
CREATE FUNCTION claim_executions(p_owner varchar, p_now timestamptz, p_limit integer, p_lease interval)
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
		lease_expires_at = p_now + p_lease,
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

-- Heartbeat of one instance: extend to p_now + p_lease the leases that p_owner still holds among the
-- attempts (p_ids[i], p_attempts[i]) it runs. Returns the ids renewed; an attempt missing from the
-- answer was taken over (or finished) and must not write its result.
CREATE FUNCTION renew_leases(p_owner varchar, p_now timestamptz, p_lease interval, p_ids uuid[], p_attempts integer[])
	RETURNS SETOF uuid
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	UPDATE scheduler.task_executions e
	SET lease_expires_at = p_now + p_lease
	FROM unnest(p_ids, p_attempts) AS held (id, attempt)
	WHERE e.id = held.id AND e.attempts = held.attempt AND e.status = 'running' AND e.lease_owner = p_owner
	RETURNING e.id
$$;

REVOKE ALL ON FUNCTION lock_due_schedules(timestamptz, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION open_scheduled_executions(timestamptz, uuid[], timestamptz[], timestamptz[], integer[], timestamptz[], text[],
	uuid[], timestamptz[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION claim_executions(varchar, timestamptz, integer, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION renew_leases(varchar, timestamptz, interval, uuid[], integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lock_due_schedules(timestamptz, integer) TO ${app_role};
GRANT EXECUTE ON FUNCTION open_scheduled_executions(timestamptz, uuid[], timestamptz[], timestamptz[], integer[], timestamptz[], text[],
	uuid[], timestamptz[]) TO ${app_role};
GRANT EXECUTE ON FUNCTION claim_executions(varchar, timestamptz, integer, interval) TO ${app_role};
GRANT EXECUTE ON FUNCTION renew_leases(varchar, timestamptz, interval, uuid[], integer[]) TO ${app_role};
