-- Approval requests, their decisions and audit trail (spec §2.3, §2.5), with the original's defects fixed:
-- risk levels and states checked, requests expire, several distinct approvers may be required, the
-- requester is recorded and may not decide, and every decision is one guarded update plus inserts in one
-- transaction. Signals to the requesting Temporal workflow go through signal_outbox (delivered after commit).

CREATE TABLE approval_requests (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	workflow_id varchar(255) NOT NULL,
	run_id varchar(255) NOT NULL,
	task_description text NOT NULL,
	risk_level varchar(10) NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
	context jsonb NOT NULL DEFAULT '{}'::jsonb,
	requested_by varchar(255) NOT NULL,
	required_approvers integer NOT NULL CHECK (required_approvers BETWEEN 1 AND 5),
	approvals integer NOT NULL DEFAULT 0,
	status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
	approved_by varchar(255),
	approved_at timestamptz,
	idempotency_key varchar(255),
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	CONSTRAINT approvals_within_required CHECK (approvals BETWEEN 0 AND required_approvers)
);

-- The same idempotency key of a tenant names the same request (the workers' activity retries).
CREATE UNIQUE INDEX approval_requests_idempotency ON approval_requests (tenant_id, idempotency_key)
	WHERE idempotency_key IS NOT NULL;
-- The list endpoint: a tenant's requests (optionally of one status), newest first.
CREATE INDEX approval_requests_tenant_created ON approval_requests (tenant_id, created_at DESC, id DESC);
CREATE INDEX approval_requests_tenant_status_created ON approval_requests (tenant_id, status, created_at DESC, id DESC);
-- The sweeper: pending requests by expiry.
CREATE INDEX approval_requests_expiry ON approval_requests (expires_at) WHERE status = 'pending';

CREATE TABLE decisions (
	id uuid PRIMARY KEY,
	approval_id uuid NOT NULL REFERENCES approval_requests (id) ON DELETE CASCADE,
	tenant_id uuid NOT NULL,
	approver varchar(255) NOT NULL,
	decision varchar(10) NOT NULL CHECK (decision IN ('approved', 'denied')),
	reason text,
	decided_at timestamptz NOT NULL,
	-- one decision per person and request, whatever the concurrency
	CONSTRAINT decisions_one_per_approver UNIQUE (approval_id, approver)
);

CREATE TABLE audit_log (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL,
	approval_id uuid NOT NULL REFERENCES approval_requests (id) ON DELETE CASCADE,
	action varchar(50) NOT NULL,
	actor varchar(255),
	details jsonb NOT NULL DEFAULT '{}'::jsonb,
	created_at timestamptz NOT NULL
);

CREATE INDEX audit_log_approval ON audit_log (approval_id, created_at);

-- Signals owed to workflows: one row per decision (and per expiry), its id the payload's decision_id.
-- Delivered rows stay (delivered_at, note) as the record of what the workflow was told.
CREATE TABLE signal_outbox (
	id uuid PRIMARY KEY,
	tenant_id uuid NOT NULL,
	approval_id uuid NOT NULL REFERENCES approval_requests (id) ON DELETE CASCADE,
	workflow_id varchar(255) NOT NULL,
	run_id varchar(255) NOT NULL,
	payload jsonb NOT NULL,
	attempts integer NOT NULL DEFAULT 0,
	next_attempt_at timestamptz NOT NULL,
	delivered_at timestamptz,
	note text,
	last_error text,
	created_at timestamptz NOT NULL
);

CREATE INDEX signal_outbox_due ON signal_outbox (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX signal_outbox_approval ON signal_outbox (approval_id);

ALTER TABLE approval_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE approval_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON approval_requests
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE decisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE decisions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON decisions
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE signal_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE signal_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON signal_outbox
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT USAGE ON SCHEMA approval TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON approval_requests TO ${app_role};
GRANT SELECT, INSERT ON decisions TO ${app_role};
GRANT SELECT, INSERT ON audit_log TO ${app_role};
GRANT SELECT, INSERT ON signal_outbox TO ${app_role};
