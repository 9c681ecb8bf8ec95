-- The console's projects (a kanban board of statuses) and the runs of each project, newest
-- first by keyset, with their approvals. A project keeps its run counters, changed in the
-- transaction of every run write, so that no page counts runs on request. A run's log is
-- read on its own, never with a list.

CREATE TABLE projects (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	slug varchar(100) NOT NULL,
	name varchar(255) NOT NULL,
	description text,
	type varchar(20) NOT NULL DEFAULT 'single' CHECK (type IN ('single', 'portfolio')),
	repo_url varchar(2048),
	status varchar(20) NOT NULL DEFAULT 'idle'
		CHECK (status IN ('idle', 'research', 'build', 'qa', 'deploy', 'live')),
	runs_total bigint NOT NULL DEFAULT 0 CHECK (runs_total >= 0),
	runs_succeeded bigint NOT NULL DEFAULT 0 CHECK (runs_succeeded >= 0),
	runs_failed bigint NOT NULL DEFAULT 0 CHECK (runs_failed >= 0),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (tenant_id, slug)
);
CREATE TRIGGER projects_updated_at BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- The board and the project list: last updated first, optionally of one status.
CREATE INDEX projects_tenant_updated_idx ON projects (tenant_id, updated_at DESC, id DESC);
CREATE INDEX projects_tenant_status_idx ON projects (tenant_id, status);

CREATE TABLE project_runs (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	kind varchar(20) NOT NULL DEFAULT 'build' CHECK (kind IN ('wizard', 'build', 'deploy', 'calc')),
	step varchar(255) NOT NULL,
	status varchar(20) NOT NULL DEFAULT 'pending'
		CHECK (status IN ('pending', 'running', 'success', 'failed', 'cancelled')),
	cost_usd numeric(12, 6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
	logs text,
	started_at timestamptz,
	finished_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER project_runs_updated_at BEFORE UPDATE ON project_runs
	FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- A project's runs newest first (the keyset page), of one status, and all runs by status and age.
CREATE INDEX project_runs_project_created_idx ON project_runs (project_id, created_at DESC, id DESC);
CREATE INDEX project_runs_project_status_idx ON project_runs (project_id, status);
CREATE INDEX project_runs_status_created_idx ON project_runs (status, created_at);

CREATE TABLE run_approvals (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
	step varchar(255) NOT NULL,
	status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'changes_requested')),
	comment text,
	decided_by varchar(255),
	created_at timestamptz NOT NULL DEFAULT now(),
	decided_at timestamptz
);
CREATE INDEX run_approvals_run_created_idx ON run_approvals (run_id, created_at);

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE project_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE project_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON project_runs
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE run_approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_approvals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON run_approvals
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON project_runs TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON run_approvals TO ${app_role};
