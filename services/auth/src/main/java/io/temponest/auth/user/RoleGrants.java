package io.temponest.auth.user;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.auth.AuthProperties;
import io.temponest.cache.JsonCache;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' roles and permissions. Permissions are cached under {@code user_perms:{user_id}}
 * (5 minutes by default); whoever changes a user's roles evicts that entry after commit.
 */
@Component
public class RoleGrants {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonCache cache;

	private final Duration cacheTtl;

	public RoleGrants(JdbcClient jdbc, JsonCache cache, AuthProperties properties) {
		this.jdbc = jdbc;
		this.cache = cache;
		this.cacheTtl = properties.permissionsCacheTtl();
	}

	/**
	 * A user's role names, in the current tenant transaction.
	 * @param userId the user
	 * @return the role names, sorted
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> rolesOf(UUID userId) {
		return this.jdbc.sql("""
				SELECT r.name FROM auth.user_roles ur JOIN auth.roles r ON r.id = ur.role_id
				WHERE ur.user_id = :userId ORDER BY r.name
				""").param("userId", userId).query(String.class).list();
	}

	/**
	 * A user's permission names, from the cache or the current tenant transaction.
	 * @param userId the user
	 * @return the distinct permission names, sorted
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> permissionsOf(UUID userId) {
		String key = cacheKey(userId);
		Optional<List<String>> cached = this.cache.get(key, STRINGS);
		if (cached.isPresent()) {
			return cached.get();
		}
		List<String> permissions = this.jdbc.sql("""
				SELECT DISTINCT p.name FROM auth.user_roles ur
				JOIN auth.role_permissions rp ON rp.role_id = ur.role_id
				JOIN auth.permissions p ON p.id = rp.permission_id
				WHERE ur.user_id = :userId ORDER BY p.name
				""").param("userId", userId).query(String.class).list();
		this.cache.put(key, permissions, this.cacheTtl);
		return permissions;
	}

	/**
	 * Replace a user's roles, in the current tenant transaction. Call
	 * {@link #evictPermissions} once the transaction has committed.
	 * @param userId the user
	 * @param tenantId the user's tenant
	 * @param roles the new role names
	 * @throws UnknownRoleException when a name is not a role or none is given
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void replaceRoles(UUID userId, UUID tenantId, Collection<String> roles) {
		List<String> wanted = Roles.validated(roles);
		this.jdbc.sql("DELETE FROM auth.user_roles WHERE user_id = :userId").param("userId", userId).update();
		int inserted = this.jdbc.sql("""
				INSERT INTO auth.user_roles (user_id, role_id, tenant_id)
				SELECT :userId, r.id, :tenantId FROM auth.roles r WHERE r.name = ANY(:names)
				""")
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("names", wanted.toArray(String[]::new))
			.update();
		if (inserted != wanted.size()) {
			throw new UnknownRoleException();
		}
	}

	/**
	 * Drop a user's cached permissions.
	 * @param userId the user
	 */
	public void evictPermissions(UUID userId) {
		this.cache.evict(cacheKey(userId));
	}

	private static String cacheKey(UUID userId) {
		return "user_perms:" + userId;
	}

}
