-- Tenant agents (the SDK's /agents API; the seven built-in roles live in code), every run of a
-- role or agent (the SDK's /executions), and idempotency keys (24 h, per tenant).

CREATE FUNCTION set_updated_at() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = agents, pg_temp
AS $$
BEGIN
	NEW.updated_at = now();
	RETURN NEW;
END
$$;

CREATE TABLE agents (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	version bigint NOT NULL DEFAULT 0,
	tenant_id uuid NOT NULL,
	name varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
	description text,
	provider varchar(50) NOT NULL,
	model varchar(255) NOT NULL,
	system_prompt text,
	tools jsonb NOT NULL DEFAULT '[]'::jsonb,
	rag_collection_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
	max_iterations integer NOT NULL DEFAULT 10 CHECK (max_iterations BETWEEN 1 AND 100),
	temperature double precision NOT NULL DEFAULT 0.7 CHECK (temperature BETWEEN 0 AND 2),
	metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
	created_by uuid,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agents_tenant_created_idx ON agents (tenant_id, created_at, id);
CREATE TRIGGER agents_updated_at BEFORE UPDATE ON agents FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TYPE run_status AS ENUM ('pending', 'running', 'completed', 'failed');

CREATE TABLE agent_executions (
	id uuid PRIMARY KEY,
	tenant_id uuid NOT NULL,
	user_id uuid,
	agent_id uuid NOT NULL,
	agent_name varchar(255) NOT NULL,
	status run_status NOT NULL,
	user_message text NOT NULL,
	context jsonb NOT NULL DEFAULT '{}'::jsonb,
	response text,
	result jsonb,
	provider varchar(50) NOT NULL,
	model varchar(255) NOT NULL,
	prompt_tokens integer NOT NULL DEFAULT 0,
	completion_tokens integer NOT NULL DEFAULT 0,
	total_tokens integer NOT NULL DEFAULT 0,
	cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
	latency_ms integer,
	llm_latency_ms integer,
	error text,
	project_id varchar(255),
	workflow_id varchar(255),
	idempotency_key varchar(255),
	created_at timestamptz NOT NULL DEFAULT now(),
	completed_at timestamptz
);
-- Newest first per tenant, optionally per agent or status (the /executions lists).
CREATE INDEX agent_executions_tenant_created_idx ON agent_executions (tenant_id, created_at DESC, id DESC);
CREATE INDEX agent_executions_tenant_agent_created_idx ON agent_executions (tenant_id, agent_id, created_at DESC, id DESC);

-- One claim per tenant and key: the first request inserts, a concurrent one finds the row and
-- waits for its response; failed runs remove their claim so that a retry runs again.
CREATE TABLE idempotency_keys (
	tenant_id uuid NOT NULL,
	idempotency_key varchar(255) NOT NULL,
	execution_id uuid NOT NULL,
	response jsonb,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	PRIMARY KEY (tenant_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
ALTER TABLE agents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agents
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE agent_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_executions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agent_executions
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT USAGE ON SCHEMA agents TO ${app_role};
GRANT USAGE ON TYPE run_status TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON agents TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON agent_executions TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ${app_role};

REVOKE ALL ON FUNCTION set_updated_at() FROM PUBLIC;
