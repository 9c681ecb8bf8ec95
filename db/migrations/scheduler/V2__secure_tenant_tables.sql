-- Row-level security on both tables (spec §1.5: the original's policies never applied because
-- it connected as the table owner). The service runs as the runtime role and sets
-- app.current_tenant per transaction; with no tenant set no row matches.

ALTER TABLE scheduled_tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduled_tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduled_tasks
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE task_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_executions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON task_executions
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT USAGE ON SCHEMA scheduler TO ${app_role};
GRANT USAGE ON TYPE schedule_type, execution_status, execution_trigger TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON scheduled_tasks TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON task_executions TO ${app_role};

REVOKE ALL ON FUNCTION set_updated_at() FROM PUBLIC;
REVOKE ALL ON FUNCTION count_finished_execution() FROM PUBLIC;
