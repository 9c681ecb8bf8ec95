-- The observability metrics read the runs a tenant finished in the last hour (success rate,
-- mean duration, recent failures): a few among a million, found by when they finished.

CREATE INDEX project_runs_tenant_finished_idx ON project_runs (tenant_id, finished_at)
	WHERE finished_at IS NOT NULL;
