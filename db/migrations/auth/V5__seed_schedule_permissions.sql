-- Permissions of the scheduler service (the original checked none: any valid token could
-- manage any schedule of its tenant). Reading is for every role; managing schedules and
-- running them on demand for the roles that may execute agents (a schedule runs an agent).

INSERT INTO permissions (name, resource, action, description) VALUES
	('schedules:read', 'schedules', 'read', 'View schedules and their executions'),
	('schedules:write', 'schedules', 'write', 'Create, change, pause and delete schedules'),
	('schedules:execute', 'schedules', 'execute', 'Trigger a schedule now');

INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id
FROM roles r
JOIN permissions p ON
	(r.name IN ('admin', 'manager', 'developer') AND p.name IN ('schedules:read', 'schedules:write', 'schedules:execute'))
	OR (r.name = 'viewer' AND p.name = 'schedules:read');
