-- Collaboration sessions: several agents working on one goal in a pattern (sequential, parallel,
-- iterative, hierarchical), and each step one agent ran in it (its input, output, tokens and
-- cost; the run itself is also an ordinary execution with its cost entry).

CREATE TABLE collaboration_sessions (
	id uuid PRIMARY KEY,
	tenant_id uuid NOT NULL,
	created_by uuid,
	name varchar(255),
	pattern varchar(20) NOT NULL CHECK (pattern IN ('sequential', 'parallel', 'iterative', 'hierarchical')),
	-- The states the SDK accepts; a cancelled session is 'failed' with cancelled = true.
	status varchar(20) NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
	cancelled boolean NOT NULL DEFAULT false,
	agents jsonb NOT NULL,
	initial_message text,
	messages jsonb,
	config jsonb NOT NULL DEFAULT '{}'::jsonb,
	context jsonb NOT NULL DEFAULT '{}'::jsonb,
	result jsonb,
	error text,
	created_at timestamptz NOT NULL,
	started_at timestamptz,
	completed_at timestamptz,
	updated_at timestamptz NOT NULL
);
-- The list (newest first, optionally by pattern or status).
CREATE INDEX collaboration_sessions_tenant_created_idx
	ON collaboration_sessions (tenant_id, created_at DESC, id DESC);

CREATE TABLE collaboration_steps (
	id uuid PRIMARY KEY,
	session_id uuid NOT NULL REFERENCES collaboration_sessions (id) ON DELETE CASCADE,
	tenant_id uuid NOT NULL,
	position integer NOT NULL,
	round integer NOT NULL DEFAULT 1,
	agent varchar(100) NOT NULL,
	input text NOT NULL,
	output text,
	execution_id uuid,
	prompt_tokens integer NOT NULL DEFAULT 0,
	completion_tokens integer NOT NULL DEFAULT 0,
	cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
	status varchar(20) NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
	error text,
	started_at timestamptz NOT NULL,
	completed_at timestamptz,
	UNIQUE (session_id, position)
);

ALTER TABLE collaboration_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE collaboration_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON collaboration_sessions
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE collaboration_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE collaboration_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON collaboration_steps
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE ON collaboration_sessions TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON collaboration_steps TO ${app_role};
