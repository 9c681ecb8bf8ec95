-- Platform events of the poller: opening an occurrence's pending execution also writes a schedule.fired event
-- into scheduler.event_outbox (V8), in the same statement and transaction, as the schedule's creator. The
-- poller's transaction has no tenant, so the event cannot go through the library's tenant-scoped insert; this
-- function, like the rest of the poller's cross-tenant work, writes it as the owner. The payload follows the
-- outbox contract of shared-events. The answer is unchanged: one event per pending execution opened, so the
-- first column also counts the events written.

CREATE OR REPLACE FUNCTION open_scheduled_executions(p_now timestamptz, p_ids uuid[], p_due timestamptz[],
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
		RETURNING t.id, t.tenant_id, t.user_id, t.agent_name, t.max_retries, t.name,
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
		RETURNING id, scheduled_task_id, tenant_id, user_id, execution_number, agent_name, scheduled_for, status
	), fired AS (
		INSERT INTO scheduler.event_outbox (id, tenant_id, user_id, type, occurred_at, payload, next_attempt_at)
		SELECT gen_random_uuid(), o.tenant_id, o.user_id, 'schedule.fired', p_now,
			jsonb_build_object('level', 'info', 'resource_type', 'schedule', 'resource_id', o.scheduled_task_id::text,
				'message', 'Schedule "' || a.name || '" fired (run ' || o.execution_number || ')',
				'details', jsonb_build_object('schedule_name', a.name, 'execution_id', o.id,
					'execution_number', o.execution_number, 'agent_name', o.agent_name,
					'scheduled_for', to_char(o.scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
			p_now
		FROM opened o
		JOIN advanced a ON a.id = o.scheduled_task_id
		WHERE o.status = 'pending'
		RETURNING 1
	)
	SELECT (SELECT count(*)::integer FROM fired),
		(SELECT COALESCE(sum(a.skipped), 0)::bigint FROM advanced a)
$$;
