-- Cost tracking and budgets: one cost row per run (the original's cost_tracking names and
-- columns, read by the web UI), model prices, a tenant's daily and monthly budgets with their
-- exact spend in the current period, and the alerts raised when a spend crosses the alert
-- threshold or the limit. Tenant ids reference no other schema.

CREATE TABLE cost_tracking (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	task_id varchar(255) NOT NULL,
	agent_name varchar(100) NOT NULL,
	user_id uuid,
	tenant_id uuid NOT NULL,
	project_id varchar(255),
	workflow_id varchar(255),
	model_provider varchar(50) NOT NULL,
	model_name varchar(100) NOT NULL,
	input_tokens integer NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
	output_tokens integer NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
	total_tokens integer NOT NULL DEFAULT 0 CHECK (total_tokens >= 0),
	input_cost_usd numeric(12, 6) DEFAULT 0,
	output_cost_usd numeric(12, 6) DEFAULT 0,
	total_cost_usd numeric(12, 6) DEFAULT 0,
	latency_ms integer,
	status varchar(20) DEFAULT 'completed' CHECK (status IN ('completed', 'failed', 'timeout')),
	context jsonb,
	created_at timestamptz NOT NULL DEFAULT now()
);
-- Every cost read of the API is one tenant's rows in a time range (roadmap 4.2); the included
-- columns make the summary, the series and the breakdowns index-only scans. The roadmap's
-- project index is covered by this one (a project filter is read from the included column).
CREATE INDEX idx_cost_tenant_date ON cost_tracking (tenant_id, created_at DESC)
	INCLUDE (total_cost_usd, input_tokens, output_tokens, total_tokens, agent_name, model_provider, model_name,
		project_id);

-- Prices in USD per million tokens; model_name '*' is the provider's price for models without
-- a row of their own. Global (no tenant): read by the service, changed by operators.
CREATE TABLE model_pricing (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	provider varchar(50) NOT NULL,
	model_name varchar(100) NOT NULL,
	input_price_per_1m numeric(12, 6) NOT NULL CHECK (input_price_per_1m >= 0),
	output_price_per_1m numeric(12, 6) NOT NULL CHECK (output_price_per_1m >= 0),
	is_active boolean NOT NULL DEFAULT true,
	effective_date date NOT NULL DEFAULT CURRENT_DATE,
	notes text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (provider, model_name, effective_date)
);
CREATE TRIGGER model_pricing_updated_at BEFORE UPDATE ON model_pricing
	FOR EACH ROW EXECUTE FUNCTION set_updated_at();

INSERT INTO model_pricing (provider, model_name, input_price_per_1m, output_price_per_1m, notes) VALUES
	('anthropic', 'claude-sonnet-4-20250514', 3.000000, 15.000000, 'Claude Sonnet 4 (May 2025)'),
	('anthropic', 'claude-opus-4-20250514', 15.000000, 75.000000, 'Claude Opus 4 (May 2025)'),
	('anthropic', 'claude-haiku-4-20250514', 0.250000, 1.250000, 'Claude Haiku 4 (May 2025)'),
	('anthropic', '*', 3.000000, 15.000000, 'Anthropic models without a price of their own (Sonnet prices)'),
	('openai', 'gpt-4o', 2.500000, 10.000000, 'GPT-4 Optimized'),
	('openai', 'gpt-4-turbo', 10.000000, 30.000000, 'GPT-4 Turbo'),
	('openai', 'gpt-3.5-turbo', 0.500000, 1.500000, 'GPT-3.5 Turbo'),
	('openai', '*', 2.500000, 10.000000, 'OpenAI models without a price of their own (GPT-4o prices)'),
	('ollama', 'mistral:7b-instruct', 0.000000, 0.000000, 'Ollama Mistral 7B (self-hosted, free)'),
	('ollama', 'codellama:13b', 0.000000, 0.000000, 'Ollama Code Llama 13B (self-hosted, free)'),
	('ollama', 'llama2:70b', 0.000000, 0.000000, 'Ollama Llama 2 70B (self-hosted, free)'),
	('ollama', '*', 0.000000, 0.000000, 'Self-hosted models are free');

-- A tenant's daily and monthly budget (at most one of each). current_spend_usd is the exact
-- spend of the period that starts at period_start (a UTC day or month); a run of a later
-- period starts it again. An inactive budget (its limit cleared) is not counted. No updated_at
-- trigger: every run updates the spend, updated_at tells when the budget itself was changed.
CREATE TABLE cost_budgets (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	budget_type varchar(20) NOT NULL CHECK (budget_type IN ('daily', 'monthly')),
	budget_amount_usd numeric(14, 6) NOT NULL CHECK (budget_amount_usd > 0),
	current_spend_usd numeric(14, 6) NOT NULL DEFAULT 0,
	period_start timestamptz NOT NULL,
	period_end timestamptz NOT NULL,
	alert_threshold_pct numeric(9, 6) NOT NULL DEFAULT 80 CHECK (alert_threshold_pct BETWEEN 0 AND 100),
	is_active boolean NOT NULL DEFAULT true,
	last_reset_at timestamptz,
	created_by uuid,
	notes text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (tenant_id, budget_type)
);

-- A spend that crossed a budget's alert threshold (warning) or its limit (exceeded).
CREATE TABLE cost_alerts (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	budget_id uuid NOT NULL REFERENCES cost_budgets (id) ON DELETE CASCADE,
	tenant_id uuid NOT NULL,
	alert_type varchar(20) NOT NULL CHECK (alert_type IN ('warning', 'critical', 'exceeded')),
	threshold_pct integer NOT NULL,
	current_spend_usd numeric(14, 6) NOT NULL,
	budget_amount_usd numeric(14, 6) NOT NULL,
	is_acknowledged boolean NOT NULL DEFAULT false,
	acknowledged_by uuid,
	acknowledged_at timestamptz,
	message text,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_alert_tenant ON cost_alerts (tenant_id, created_at DESC);
CREATE INDEX idx_alert_budget ON cost_alerts (budget_id);

ALTER TABLE cost_tracking ENABLE ROW LEVEL SECURITY;
ALTER TABLE cost_tracking FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cost_tracking
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE cost_budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE cost_budgets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cost_budgets
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE cost_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE cost_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cost_alerts
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT, INSERT ON cost_tracking TO ${app_role};
GRANT SELECT ON model_pricing TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON cost_budgets TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON cost_alerts TO ${app_role};
