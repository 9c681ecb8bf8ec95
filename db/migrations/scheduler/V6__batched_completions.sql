-- Completed attempts are recorded in batches: an instance's runs hand their outcome to one writer,
-- which records every completion waiting in one statement and one transaction (one commit for many
-- executions instead of three round trips and a commit each). Like claiming and renewing leases, this
-- is the poller's cross-tenant work: a SECURITY DEFINER function owned by the owner role, with a fixed
-- search_path, executable only by the runtime role. Every row is fenced exactly as the tenant-scoped
-- write is: the execution, its tenant, this instance's lease and the attempt number must all still
-- match, so an attempt whose lease was taken over writes nothing. The counters of the schedule follow
-- through the count_finished_execution trigger, as for any other final status.
--
-- p_ids[i] completed attempt p_attempts[i] of tenant p_tenants[i] at p_at[i]; returns the ids
-- recorded (an id missing from the answer had lost its lease).
CREATE FUNCTION complete_executions(p_owner varchar, p_ids uuid[], p_tenants uuid[], p_attempts integer[],
		p_at timestamptz[], p_durations bigint[], p_agent_tasks varchar[], p_results jsonb[], p_tokens integer[],
		p_costs numeric[])
	RETURNS SETOF uuid
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = scheduler, pg_temp
AS $$
	UPDATE scheduler.task_executions e
	SET status = 'completed', completed_at = c.at, duration_ms = c.duration, agent_task_id = c.agent_task,
		result = c.result, tokens_used = c.tokens, cost_usd = c.cost, error_message = NULL, lease_owner = NULL,
		lease_expires_at = NULL
	FROM unnest(p_ids, p_tenants, p_attempts, p_at, p_durations, p_agent_tasks, p_results, p_tokens, p_costs)
		AS c (id, tenant_id, attempt, at, duration, agent_task, result, tokens, cost)
	WHERE e.id = c.id AND e.tenant_id = c.tenant_id AND e.status = 'running' AND e.lease_owner = p_owner
		AND e.attempts = c.attempt
	RETURNING e.id
$$;

REVOKE ALL ON FUNCTION complete_executions(varchar, uuid[], uuid[], integer[], timestamptz[], bigint[], varchar[],
	jsonb[], integer[], numeric[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION complete_executions(varchar, uuid[], uuid[], integer[], timestamptz[], bigint[], varchar[],
	jsonb[], integer[], numeric[]) TO ${app_role};
