-- The workers service's tables: the tenant's pipelines (one per idempotency key, its status kept current by the
-- workflow's last activity) and the deployment requests that approved pipelines record for an external CD system.

CREATE TABLE pipelines (
	id uuid PRIMARY KEY,
	tenant_id uuid NOT NULL,
	user_id uuid NOT NULL,
	idempotency_key varchar(200) NOT NULL,
	workflow_id varchar(255) NOT NULL,
	run_id varchar(255),
	goal text NOT NULL,
	status varchar(30) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'cancelled', 'timeout',
		'failed', 'ready_for_deployment')),
	reason text,
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	finished_at timestamptz,
	CONSTRAINT pipelines_idempotency UNIQUE (tenant_id, idempotency_key),
	CONSTRAINT pipelines_workflow UNIQUE (workflow_id)
);

-- The list endpoint: a tenant's pipelines, newest first (keyset on created_at, id).
CREATE INDEX pipelines_tenant_created ON pipelines (tenant_id, created_at DESC, id DESC);

CREATE TABLE deployments (
	id uuid PRIMARY KEY,
	tenant_id uuid NOT NULL,
	user_id uuid NOT NULL,
	workflow_id varchar(255) NOT NULL,
	run_id varchar(255) NOT NULL,
	idempotency_key varchar(255) NOT NULL,
	approval_id varchar(255) NOT NULL,
	approvers jsonb NOT NULL DEFAULT '[]'::jsonb,
	goal text NOT NULL,
	tasks_deployed integer NOT NULL CHECK (tasks_deployed >= 0),
	-- requested: announced (project.deployment.approved) to the CD system; recorded: acknowledged by it
	status varchar(20) NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'recorded')),
	event_id uuid,
	requested_at timestamptz NOT NULL,
	CONSTRAINT deployments_idempotency UNIQUE (tenant_id, idempotency_key)
);

CREATE INDEX deployments_workflow ON deployments (tenant_id, workflow_id);

ALTER TABLE pipelines ENABLE ROW LEVEL SECURITY;
ALTER TABLE pipelines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pipelines
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE deployments ENABLE ROW LEVEL SECURITY;
ALTER TABLE deployments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deployments
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- For the pipelines-by-status gauge, over all tenants (counts only).
CREATE FUNCTION pipeline_counts()
	RETURNS TABLE (status varchar, pipelines bigint)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = workers, pg_temp
AS $$
	SELECT p.status, count(*) FROM workers.pipelines p GROUP BY p.status
$$;

GRANT USAGE ON SCHEMA workers TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON pipelines TO ${app_role};
GRANT SELECT, INSERT ON deployments TO ${app_role};
GRANT UPDATE (event_id, status) ON deployments TO ${app_role};
REVOKE ALL ON FUNCTION pipeline_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pipeline_counts() TO ${app_role};
