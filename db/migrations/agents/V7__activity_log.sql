-- The platform's activity: what happened to runs, projects and executions in this service,
-- written in the transaction of the change, and the events other services relay here
-- (their id is the publisher's event id, so a relayed event is stored once however often
-- it arrives). The console's log viewer reads it newest first, filtered and searched.

CREATE TABLE activity_log (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	user_id uuid,
	occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	service varchar(50) NOT NULL,
	action varchar(100) NOT NULL,
	level varchar(10) NOT NULL CHECK (level IN ('info', 'success', 'warn', 'error')),
	agent varchar(255),
	resource_type varchar(50),
	resource_id varchar(255),
	message text NOT NULL,
	details jsonb NOT NULL DEFAULT '{}'::jsonb,
	-- The audit full-text document: message, action and resource, words as written.
	search tsvector GENERATED ALWAYS AS
		(to_tsvector('simple', message || ' ' || action || ' ' || coalesce(resource_id, ''))) STORED
);
-- The log viewer's page: a tenant's rows newest first (keyset on occurred_at, id).
CREATE INDEX activity_log_tenant_occurred_idx ON activity_log (tenant_id, occurred_at DESC, id DESC);
-- The audit full-text search (websearch_to_tsquery / plainto_tsquery with 'simple').
CREATE INDEX activity_log_search_idx ON activity_log USING gin (search);

ALTER TABLE activity_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON activity_log
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT, INSERT ON activity_log TO ${app_role};

-- The full-text search of the current tenant's rows. Under row-level security the planner may
-- use an index only for leakproof operators ahead of the policy, and @@ is not one: searched
-- through the policy, a search would read every row of the tenant. This function, owned by
-- the owner role, applies the policy's own tenant predicate and nothing else, so it returns
-- exactly the rows the policy shows and reads them through the GIN index.
CREATE FUNCTION activity_search(p_query text) RETURNS SETOF activity_log
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = agents, pg_temp
AS $$
	SELECT * FROM agents.activity_log
	WHERE tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid
		AND search @@ websearch_to_tsquery('simple', p_query)
$$;
REVOKE ALL ON FUNCTION activity_search(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION activity_search(text) TO ${app_role};
