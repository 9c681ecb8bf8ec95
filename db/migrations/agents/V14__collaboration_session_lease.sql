-- Leases of collaboration sessions, so that a session whose instance stopped (killed, out of memory, node lost)
-- ends visibly instead of staying 'running' forever.
--
-- The instance that accepts a session takes its lease when storing it (lease_owner, its id; lease_expires_at,
-- now plus the lease), holds it while the session waits in its queue and runs, and renews the leases of all the
-- sessions it holds in one statement every third of the lease (renew_collaboration_leases). Every instance
-- sweeps now and then (end_abandoned_collaboration_sessions): an open session (pending or running) whose lease
-- ran out is failed with the reason below, and so is its running step; completed steps keep their results.
--
-- A session stored before this migration has no lease (lease_expires_at NULL). Its instance may still be running
-- it during a rolling deployment and never renews, so it is taken as abandoned only once nothing moved in it
-- (its updated_at, its steps' start and end) for 30 minutes: longer than any one step may take (a provider call's
-- timeout and retries), so a live session of an instance of the previous version is left alone, while the sessions
-- stranded before this migration end at the first sweep.

ALTER TABLE collaboration_sessions
	ADD COLUMN lease_owner varchar(100),
	ADD COLUMN lease_expires_at timestamptz;

-- The sweep: open sessions only (few), by the end of their lease.
CREATE INDEX collaboration_sessions_open_lease_idx ON collaboration_sessions (lease_expires_at)
	WHERE status IN ('pending', 'running');

-- Extend to p_until the leases that p_owner holds on the open sessions among p_ids, of every tenant. A session
-- ended meanwhile (completed, failed, cancelled, swept) or leased by another owner is left alone. Returns how
-- many leases were extended.
CREATE FUNCTION renew_collaboration_leases(p_owner varchar, p_ids uuid[], p_until timestamptz)
	RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	WITH renewed AS (
		UPDATE agents.collaboration_sessions s
		SET lease_expires_at = p_until
		WHERE s.id = ANY (p_ids) AND s.lease_owner = p_owner AND s.status IN ('pending', 'running')
		RETURNING 1
	)
	SELECT count(*)::integer FROM renewed
$$;

-- End up to p_limit abandoned sessions of every tenant: open (pending or running) with a lease that ran out
-- before p_now, or without a lease and nothing moved in them for 30 minutes (see above). Each is failed with
-- completed_at = p_now, and its running steps too, with the same reason; its lease columns are kept (which
-- instance had it). Rows another transaction holds (a renewal, a cancel) are skipped, for the next sweep.
-- Returns how many sessions were ended, by pattern.
CREATE FUNCTION end_abandoned_collaboration_sessions(p_now timestamptz, p_limit integer)
	RETURNS TABLE (pattern varchar, ended integer)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
BEGIN
	-- PL/pgSQL: RETURN QUERY runs the statement to its end (a set-returning SQL function may run it
	-- lazily, which its data-modifying CTEs and their triggers do not allow).
	RETURN QUERY
	WITH abandoned AS (
		SELECT s.id FROM agents.collaboration_sessions s
		WHERE s.status IN ('pending', 'running')
			AND CASE WHEN s.lease_expires_at IS NOT NULL THEN s.lease_expires_at < p_now
				ELSE GREATEST(s.updated_at,
					(SELECT max(GREATEST(st.started_at, st.completed_at)) FROM agents.collaboration_steps st
						WHERE st.session_id = s.id)) < p_now - interval '30 minutes' END
		ORDER BY s.lease_expires_at
		LIMIT p_limit
		FOR UPDATE OF s SKIP LOCKED
	), failed AS (
		UPDATE agents.collaboration_sessions s
		SET status = 'failed',
			error = 'The instance running this session stopped before it ended',
			completed_at = p_now,
			updated_at = p_now
		FROM abandoned a
		WHERE s.id = a.id AND s.status IN ('pending', 'running')
		RETURNING s.id, s.pattern
	), steps AS (
		UPDATE agents.collaboration_steps st
		SET status = 'failed',
			error = 'The instance running this session stopped before it ended',
			completed_at = p_now
		FROM failed f
		WHERE st.session_id = f.id AND st.status = 'running'
		RETURNING 1
	)
	SELECT f.pattern, count(*)::integer FROM failed f GROUP BY f.pattern;
END
$$;

REVOKE ALL ON FUNCTION renew_collaboration_leases(varchar, uuid[], timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION end_abandoned_collaboration_sessions(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION renew_collaboration_leases(varchar, uuid[], timestamptz) TO ${app_role};
GRANT EXECUTE ON FUNCTION end_abandoned_collaboration_sessions(timestamptz, integer) TO ${app_role};
