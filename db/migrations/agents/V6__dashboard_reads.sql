-- The dashboard's reads of one tenant at a million runs: the KPI tiles count the runs of the
-- last 24 hours and the runs waiting or running (a few among millions), and the cost views read
-- a period of cost rows with their status and latency from the covering index alone.

CREATE INDEX project_runs_tenant_created_idx ON project_runs (tenant_id, created_at);
CREATE INDEX project_runs_tenant_open_idx ON project_runs (tenant_id, status)
	WHERE status IN ('pending', 'running');

DROP INDEX idx_cost_tenant_date;
CREATE INDEX idx_cost_tenant_date ON cost_tracking (tenant_id, created_at DESC)
	INCLUDE (total_cost_usd, input_tokens, output_tokens, total_tokens, agent_name, model_provider, model_name,
		project_id, status, latency_ms);
