-- Auth service schema: tenants, users, RBAC, API keys, refresh tokens, invitations, audit log.
-- Runs as the owner role (Flyway). The service connects as the runtime role ${app_role}.
-- Fixes against the original (spec section 7): timestamptz everywhere, NOT NULL booleans,
-- case-insensitive email uniqueness, no redundant indexes, audit FKs ON DELETE SET NULL,
-- user_roles carries tenant_id so that row-level security can apply to it.

CREATE FUNCTION set_updated_at() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = auth, pg_temp
AS $$
BEGIN
	NEW.updated_at = now();
	RETURN NEW;
END;
$$;

CREATE TABLE tenants (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	name varchar(255) NOT NULL,
	slug varchar(100) NOT NULL,
	plan varchar(50) NOT NULL DEFAULT 'free',
	settings jsonb NOT NULL DEFAULT '{}'::jsonb,
	is_active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT tenants_slug_key UNIQUE (slug),
	CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT tenants_plan_check CHECK (plan IN ('free', 'developer', 'enterprise'))
);

CREATE TRIGGER tenants_set_updated_at BEFORE UPDATE ON tenants
	FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE users (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	email varchar(255) NOT NULL,
	hashed_password varchar(255) NOT NULL,
	full_name varchar(255),
	tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
	is_active boolean NOT NULL DEFAULT true,
	is_superuser boolean NOT NULL DEFAULT false,
	last_login_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	-- target of the composite foreign keys that keep child rows in the user's tenant
	CONSTRAINT users_id_tenant_key UNIQUE (id, tenant_id)
);

-- one account per address, whatever its case (login looks up lower(email))
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
-- members of a tenant, listed by email (keyset pagination)
CREATE INDEX users_tenant_email_idx ON users (tenant_id, lower(email));

CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
	FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE roles (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	name varchar(50) NOT NULL,
	description text,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT roles_name_key UNIQUE (name)
);

CREATE TABLE permissions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	name varchar(100) NOT NULL,
	description text,
	resource varchar(100) NOT NULL,
	action varchar(50) NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT permissions_name_key UNIQUE (name),
	CONSTRAINT permissions_name_resource CHECK (starts_with(name, resource || ':')),
	CONSTRAINT permissions_action_check CHECK (action IN ('read', 'write', 'execute', 'delete'))
);

CREATE TABLE role_permissions (
	role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	permission_id uuid NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
	PRIMARY KEY (role_id, permission_id)
);

CREATE TABLE user_roles (
	user_id uuid NOT NULL,
	role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	tenant_id uuid NOT NULL,
	PRIMARY KEY (user_id, role_id),
	CONSTRAINT user_roles_user_fkey FOREIGN KEY (user_id, tenant_id)
		REFERENCES users (id, tenant_id) ON DELETE CASCADE
);

CREATE TABLE api_keys (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	key_hash varchar(64) NOT NULL,
	key_prefix varchar(20) NOT NULL,
	name varchar(100) NOT NULL,
	tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
	user_id uuid,
	scopes text[] NOT NULL DEFAULT '{}',
	expires_at timestamptz,
	last_used_at timestamptz,
	is_active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
	CONSTRAINT api_keys_key_hash_format CHECK (key_hash ~ '^[0-9a-f]{64}$'),
	CONSTRAINT api_keys_user_fkey FOREIGN KEY (user_id, tenant_id)
		REFERENCES users (id, tenant_id) ON DELETE CASCADE
);

-- GET /api-keys: the tenant's keys, newest first
CREATE INDEX api_keys_tenant_created_idx ON api_keys (tenant_id, created_at DESC);
-- cascade from users without a sequential scan
CREATE INDEX api_keys_user_idx ON api_keys (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE refresh_tokens (
	id uuid PRIMARY KEY,
	family_id uuid NOT NULL,
	user_id uuid NOT NULL,
	tenant_id uuid NOT NULL,
	issued_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	used_at timestamptz,
	revoked_at timestamptz,
	replaced_by uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL,
	CONSTRAINT refresh_tokens_user_fkey FOREIGN KEY (user_id, tenant_id)
		REFERENCES users (id, tenant_id) ON DELETE CASCADE
);

-- reuse detection and logout revoke a whole family
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
-- deactivating a user revokes its live tokens; also serves the cascade from users
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE invitations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
	email varchar(255) NOT NULL,
	roles text[] NOT NULL DEFAULT '{viewer}',
	token_hash varchar(64) NOT NULL,
	invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
	expires_at timestamptz NOT NULL,
	accepted_at timestamptz,
	accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT invitations_token_hash_key UNIQUE (token_hash),
	CONSTRAINT invitations_token_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	CONSTRAINT invitations_roles_not_empty CHECK (cardinality(roles) > 0)
);

CREATE INDEX invitations_tenant_created_idx ON invitations (tenant_id, created_at DESC);

CREATE TABLE audit_log (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id uuid REFERENCES tenants (id) ON DELETE SET NULL,
	user_id uuid REFERENCES users (id) ON DELETE SET NULL,
	action varchar(100) NOT NULL,
	resource_type varchar(100),
	resource_id varchar(255),
	details jsonb,
	ip_address inet,
	user_agent text,
	"timestamp" timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_tenant_time_idx ON audit_log (tenant_id, "timestamp" DESC);
CREATE INDEX audit_log_user_time_idx ON audit_log (user_id, "timestamp" DESC) WHERE user_id IS NOT NULL;
CREATE INDEX audit_log_security_events_idx ON audit_log (action, "timestamp" DESC)
	WHERE action IN ('login_failed', 'refresh_token_reuse', 'permission_denied', 'api_key_invalid');
