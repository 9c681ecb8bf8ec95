-- API keys: managing them is a permission of its own, and a key created by another key records
-- that parent, so that revoking a key revokes every key made with it.

-- Every role keeps the right to manage its keys; an API key has it only when its scopes include it.
INSERT INTO permissions (name, resource, action, description) VALUES
	('api_keys:manage', 'api_keys', 'write', 'Create, list and revoke API keys');

INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id
FROM roles r
JOIN permissions p ON p.name = 'api_keys:manage'
WHERE r.name IN ('admin', 'manager', 'developer', 'viewer');

-- The parent is a key of the same tenant; a deleted parent takes its descendants with it.
ALTER TABLE api_keys ADD CONSTRAINT api_keys_id_tenant_key UNIQUE (id, tenant_id);
ALTER TABLE api_keys ADD COLUMN parent_key_id uuid;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_parent_fkey FOREIGN KEY (parent_key_id, tenant_id)
	REFERENCES api_keys (id, tenant_id) ON DELETE CASCADE;
-- revocation walks from a key to its children
CREATE INDEX api_keys_parent_idx ON api_keys (parent_key_id) WHERE parent_key_id IS NOT NULL;

-- Revocation now runs inside the caller's tenant (another tenant's key is "not found"), so the
-- cross-tenant lookup is no longer needed.
DROP FUNCTION find_api_key_tenant(uuid);
