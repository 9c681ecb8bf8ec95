-- Token exchange (services acting for a user): a refused exchange whose client or user could not
-- be placed in a tenant has no tenant; the runtime role cannot insert such rows under row-level
-- security, so this function records them (and only them).
CREATE FUNCTION record_token_exchange_failure(p_details jsonb, p_ip_address inet, p_user_agent text)
	RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = auth, pg_temp
AS $$
	INSERT INTO auth.audit_log (tenant_id, user_id, action, resource_type, details, ip_address, user_agent)
	VALUES (NULL, NULL, 'token_exchange_failed', 'user', p_details, p_ip_address, left(p_user_agent, 512))
$$;

REVOKE ALL ON FUNCTION record_token_exchange_failure(jsonb, inet, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_token_exchange_failure(jsonb, inet, text) TO ${app_role};

-- Refused exchanges are security events like failed logins.
DROP INDEX audit_log_security_events_idx;
CREATE INDEX audit_log_security_events_idx ON audit_log (action, "timestamp" DESC)
	WHERE action IN ('login_failed', 'refresh_token_reuse', 'permission_denied', 'api_key_invalid',
		'token_exchange_failed');
