-- The four global roles, the 14 permissions and the role -> permission matrix (spec 3.1-3.3).
-- No users are seeded: a bootstrap superuser comes from configuration in the dev profile only.

INSERT INTO roles (name, description) VALUES
	('admin', 'Full system access including user management'),
	('manager', 'Department management and workflow approval rights'),
	('developer', 'Agent execution and code generation rights'),
	('viewer', 'Read-only access to all resources');

INSERT INTO permissions (name, resource, action, description) VALUES
	('agents:read', 'agents', 'read', 'View agent information'),
	('agents:execute', 'agents', 'execute', 'Execute agents'),
	('workflows:read', 'workflows', 'read', 'View workflows'),
	('workflows:create', 'workflows', 'write', 'Create new workflows'),
	('workflows:delete', 'workflows', 'delete', 'Delete workflows'),
	('approvals:read', 'approvals', 'read', 'View approval requests'),
	('approvals:approve', 'approvals', 'write', 'Approve or deny requests'),
	('departments:read', 'departments', 'read', 'View departments'),
	('departments:manage', 'departments', 'write', 'Create and modify departments'),
	('users:read', 'users', 'read', 'View users'),
	('users:manage', 'users', 'write', 'Create, update, and delete users'),
	('tenants:manage', 'tenants', 'write', 'Manage tenant settings'),
	('costs:read', 'costs', 'read', 'View cost information'),
	('webhooks:manage', 'webhooks', 'write', 'Create and manage webhooks');

INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id
FROM roles r
JOIN permissions p ON
	r.name = 'admin'
	OR (r.name = 'manager' AND p.name IN ('agents:read', 'agents:execute', 'workflows:read', 'workflows:create',
		'approvals:read', 'approvals:approve', 'departments:read', 'departments:manage', 'costs:read'))
	OR (r.name = 'developer' AND p.name IN ('agents:read', 'agents:execute', 'workflows:read', 'workflows:create',
		'departments:read', 'costs:read'))
	OR (r.name = 'viewer' AND p.name IN ('agents:read', 'workflows:read', 'approvals:read', 'departments:read',
		'users:read', 'costs:read'));
