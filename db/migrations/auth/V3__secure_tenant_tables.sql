-- Row-level security on every tenant-scoped table, and the runtime role's privileges.
-- The service sets app.current_tenant per transaction (set_config(..., true)); with no tenant
-- set, NULLIF turns the empty setting into NULL and no row matches. No superuser bypass
-- policy: cross-tenant work runs with the tenant it acts on. Lookups that must happen before
-- the tenant is known are SECURITY DEFINER functions (V4).

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON user_roles
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON refresh_tokens
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Runtime role: schema usage and only the table privileges the service needs.
GRANT USAGE ON SCHEMA auth TO ${app_role};
GRANT SELECT ON roles, permissions, role_permissions TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON tenants TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON users TO ${app_role};
GRANT SELECT, INSERT, DELETE ON user_roles TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON api_keys TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON refresh_tokens TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON invitations TO ${app_role};
GRANT SELECT, INSERT ON audit_log TO ${app_role};

-- Tables and sequences created by later migrations: readable and writable by the runtime role
-- (no DELETE, no TRUNCATE: grant those per table when a feature needs them).
ALTER DEFAULT PRIVILEGES IN SCHEMA auth GRANT SELECT, INSERT, UPDATE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA auth GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};

-- The trigger function is not for direct calls.
REVOKE ALL ON FUNCTION set_updated_at() FROM PUBLIC;
