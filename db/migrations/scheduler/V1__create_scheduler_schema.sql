-- Schedules and their executions (spec §1.7), with the original's defects fixed: every
-- timestamp is timestamptz, next_execution_at is always maintained, executions carry a lease
-- so that any number of scheduler instances run each occurrence exactly once.

CREATE TYPE schedule_type AS ENUM ('cron', 'interval', 'once');
CREATE TYPE execution_status AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled', 'timeout');
CREATE TYPE execution_trigger AS ENUM ('schedule', 'manual');

CREATE FUNCTION set_updated_at() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = scheduler, pg_temp
AS $$
BEGIN
	NEW.updated_at = now();
	RETURN NEW;
END
$$;

CREATE TABLE scheduled_tasks (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	user_id uuid NOT NULL,
	name varchar(255) NOT NULL,
	description text,
	schedule_type schedule_type NOT NULL,
	cron_expression varchar(100),
	interval_seconds integer,
	scheduled_time timestamptz,
	timezone varchar(50) NOT NULL DEFAULT 'UTC',
	agent_name varchar(50) NOT NULL,
	task_payload jsonb NOT NULL DEFAULT '{}'::jsonb,
	project_id varchar(255),
	workflow_id varchar(255),
	timeout_seconds integer NOT NULL DEFAULT 300 CHECK (timeout_seconds BETWEEN 1 AND 3600),
	max_retries integer NOT NULL DEFAULT 3 CHECK (max_retries BETWEEN 0 AND 10),
	retry_delay_seconds integer NOT NULL DEFAULT 60 CHECK (retry_delay_seconds BETWEEN 0 AND 86400),
	is_active boolean NOT NULL DEFAULT true,
	is_paused boolean NOT NULL DEFAULT false,
	created_by uuid,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	last_execution_at timestamptz,
	next_execution_at timestamptz,
	execution_seq integer NOT NULL DEFAULT 0,
	total_executions integer NOT NULL DEFAULT 0,
	successful_executions integer NOT NULL DEFAULT 0,
	failed_executions integer NOT NULL DEFAULT 0,
	CONSTRAINT valid_schedule CHECK (
		(schedule_type = 'cron' AND cron_expression IS NOT NULL)
		OR (schedule_type = 'interval' AND interval_seconds > 0)
		OR (schedule_type = 'once' AND scheduled_time IS NOT NULL))
);

CREATE TRIGGER scheduled_tasks_set_updated_at BEFORE UPDATE ON scheduled_tasks
	FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The poller's query: due, active, unpaused schedules in due order.
CREATE INDEX scheduled_tasks_due ON scheduled_tasks (next_execution_at)
	WHERE is_active AND NOT is_paused AND next_execution_at IS NOT NULL;
-- The list endpoint: a tenant's schedules, newest first.
CREATE INDEX scheduled_tasks_tenant_created ON scheduled_tasks (tenant_id, created_at DESC, id DESC);

CREATE TABLE task_executions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	scheduled_task_id uuid NOT NULL REFERENCES scheduled_tasks (id) ON DELETE CASCADE,
	tenant_id uuid NOT NULL,
	user_id uuid NOT NULL,
	execution_number integer NOT NULL,
	triggered_by execution_trigger NOT NULL,
	status execution_status NOT NULL DEFAULT 'pending',
	agent_task_id varchar(255),
	agent_name varchar(50) NOT NULL,
	scheduled_for timestamptz NOT NULL,
	next_attempt_at timestamptz NOT NULL,
	attempts integer NOT NULL DEFAULT 0,
	lease_owner varchar(100),
	lease_expires_at timestamptz,
	started_at timestamptz,
	completed_at timestamptz,
	duration_ms bigint,
	result jsonb,
	error_message text,
	tokens_used integer NOT NULL DEFAULT 0,
	cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
	retry_count integer NOT NULL DEFAULT 0,
	max_retries integer NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT execution_number_unique UNIQUE (scheduled_task_id, execution_number)
);

CREATE TRIGGER task_executions_set_updated_at BEFORE UPDATE ON task_executions
	FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One execution per scheduled occurrence, whatever the number of pollers.
CREATE UNIQUE INDEX task_executions_one_per_occurrence ON task_executions (scheduled_task_id, scheduled_for)
	WHERE triggered_by = 'schedule';
-- History: a schedule's executions, newest first (optionally by status).
CREATE INDEX task_executions_history ON task_executions (scheduled_task_id, created_at DESC, id DESC);
-- The dispatcher: pending attempts by time, and running attempts by lease expiry.
CREATE INDEX task_executions_ready ON task_executions (next_attempt_at) WHERE status = 'pending';
CREATE INDEX task_executions_leases ON task_executions (lease_expires_at) WHERE status = 'running';

-- Counters and last_execution_at follow the executions (the original's
-- task_execution_stats_update): counted once, when an execution reaches a final status.
CREATE FUNCTION count_finished_execution() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = scheduler, pg_temp
AS $$
BEGIN
	IF NEW.status IN ('completed', 'failed', 'timeout', 'cancelled')
			AND OLD.status NOT IN ('completed', 'failed', 'timeout', 'cancelled') THEN
		UPDATE scheduler.scheduled_tasks
		SET total_executions = total_executions + 1,
			successful_executions = successful_executions + (NEW.status = 'completed')::int,
			failed_executions = failed_executions + (NEW.status <> 'completed')::int,
			last_execution_at = GREATEST(last_execution_at, NEW.completed_at)
		WHERE id = NEW.scheduled_task_id;
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER task_executions_count_finished AFTER UPDATE OF status ON task_executions
	FOR EACH ROW EXECUTE FUNCTION count_finished_execution();
