-- Lookups that must cross tenants before the tenant is known. SECURITY DEFINER functions owned
-- by the owner role (BYPASSRLS), with a fixed search_path, executable only by the runtime role,
-- returning the minimum: ids and the tenant id. Everything else then runs under row-level
-- security with that tenant set.

-- Login: the account for an email address (case-insensitive).
CREATE FUNCTION find_login(p_email text)
	RETURNS TABLE (user_id uuid, tenant_id uuid)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = auth, pg_temp
AS $$
	SELECT u.id, u.tenant_id FROM auth.users u WHERE lower(u.email) = lower(p_email)
$$;

-- API key verification: the key for a SHA-256 hash.
CREATE FUNCTION find_api_key(p_key_hash text)
	RETURNS TABLE (key_id uuid, tenant_id uuid)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = auth, pg_temp
AS $$
	SELECT k.id, k.tenant_id FROM auth.api_keys k WHERE k.key_hash = p_key_hash
$$;

-- API key revocation: which tenant owns a key id (another tenant's key answers 403, not 404).
CREATE FUNCTION find_api_key_tenant(p_key_id uuid)
	RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = auth, pg_temp
AS $$
	SELECT k.tenant_id FROM auth.api_keys k WHERE k.id = p_key_id
$$;

-- Refresh: the tenant of a refresh token (by jti).
CREATE FUNCTION find_refresh_token(p_jti uuid)
	RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = auth, pg_temp
AS $$
	SELECT r.tenant_id FROM auth.refresh_tokens r WHERE r.id = p_jti
$$;

-- Registration with an invitation: the invitation for a token hash.
CREATE FUNCTION find_invitation(p_token_hash text)
	RETURNS TABLE (invitation_id uuid, tenant_id uuid)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = auth, pg_temp
AS $$
	SELECT i.id, i.tenant_id FROM auth.invitations i WHERE i.token_hash = p_token_hash
$$;

-- Failed logins for unknown addresses have no tenant; the runtime role cannot insert such rows
-- under row-level security, so this function records them (and only them).
CREATE FUNCTION record_login_failure(p_details jsonb, p_ip_address inet, p_user_agent text)
	RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = auth, pg_temp
AS $$
	INSERT INTO auth.audit_log (tenant_id, user_id, action, resource_type, details, ip_address, user_agent)
	VALUES (NULL, NULL, 'login_failed', 'user', p_details, p_ip_address, left(p_user_agent, 512))
$$;

REVOKE ALL ON FUNCTION find_login(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION find_api_key(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION find_api_key_tenant(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION find_refresh_token(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION find_invitation(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION record_login_failure(jsonb, inet, text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION find_login(text) TO ${app_role};
GRANT EXECUTE ON FUNCTION find_api_key(text) TO ${app_role};
GRANT EXECUTE ON FUNCTION find_api_key_tenant(uuid) TO ${app_role};
GRANT EXECUTE ON FUNCTION find_refresh_token(uuid) TO ${app_role};
GRANT EXECUTE ON FUNCTION find_invitation(text) TO ${app_role};
GRANT EXECUTE ON FUNCTION record_login_failure(jsonb, inet, text) TO ${app_role};
