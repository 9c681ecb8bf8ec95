package io.temponest.security;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The authenticated caller of a request: the original's {@code AuthContext}. Its JSON
 * form is the body of {@code GET /api-keys/verify}.
 *
 * @param userId the user id, or {@code "api-key"} for an API key bound to no user
 * @param tenantId the tenant id
 * @param email the user's email, or {@code "api-key@system"} for an API key bound to no
 * user
 * @param roles role names ({@code ["api-key"]} for API keys)
 * @param permissions permission names such as {@code agents:execute}
 * @param superuser whether every permission check passes
 * @param authType how the caller authenticated
 * @param keyId the id of the API key the caller authenticated with, or {@code null} for
 * other callers
 * @param actor the client id of the service acting for the user (the {@code act} claim of
 * an exchanged access token), or {@code null} when the user acts directly
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthPrincipal(@JsonProperty("user_id") String userId, @JsonProperty("tenant_id") String tenantId,
		String email, List<String> roles, List<String> permissions, @JsonProperty("is_superuser") boolean superuser,
		@JsonProperty("auth_type") AuthType authType,
		@JsonProperty("key_id") @JsonInclude(JsonInclude.Include.NON_NULL) String keyId,
		@JsonInclude(JsonInclude.Include.NON_NULL) String actor) implements Serializable {

	/** User id of API keys that belong to no user. */
	public static final String SERVICE_KEY_USER = "api-key";

	/** Email of API keys that belong to no user. */
	public static final String SERVICE_KEY_EMAIL = "api-key@system";

	/**
	 * Create a principal; absent role or permission lists become empty lists.
	 * @param userId the user id
	 * @param tenantId the tenant id
	 * @param email the email
	 * @param roles role names, or {@code null} for none
	 * @param permissions permission names, or {@code null} for none
	 * @param superuser whether every permission check passes
	 * @param authType how the caller authenticated
	 * @param keyId the API key's id, or {@code null}
	 * @param actor the acting service's client id, or {@code null}
	 */
	public AuthPrincipal {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
		permissions = (permissions != null) ? List.copyOf(permissions) : List.of();
	}

	/**
	 * Create a principal that did not authenticate with an API key of known id.
	 * @param userId the user id
	 * @param tenantId the tenant id
	 * @param email the email
	 * @param roles role names, or {@code null} for none
	 * @param permissions permission names, or {@code null} for none
	 * @param superuser whether every permission check passes
	 * @param authType how the caller authenticated
	 */
	public AuthPrincipal(String userId, String tenantId, String email, List<String> roles, List<String> permissions,
			boolean superuser, AuthType authType) {
		this(userId, tenantId, email, roles, permissions, superuser, authType, null, null);
	}

	/**
	 * Create a principal for which no service acts.
	 * @param userId the user id
	 * @param tenantId the tenant id
	 * @param email the email
	 * @param roles role names, or {@code null} for none
	 * @param permissions permission names, or {@code null} for none
	 * @param superuser whether every permission check passes
	 * @param authType how the caller authenticated
	 * @param keyId the API key's id, or {@code null}
	 */
	public AuthPrincipal(String userId, String tenantId, String email, List<String> roles, List<String> permissions,
			boolean superuser, AuthType authType, String keyId) {
		this(userId, tenantId, email, roles, permissions, superuser, authType, keyId, null);
	}

	/**
	 * The same principal with another authentication type.
	 * @param type the authentication type
	 * @return a principal that differs only in its authentication type
	 */
	public AuthPrincipal withAuthType(AuthType type) {
		return (type == this.authType) ? this : new AuthPrincipal(this.userId, this.tenantId, this.email, this.roles,
				this.permissions, this.superuser, type, this.keyId, this.actor);
	}

	/**
	 * The user id as a UUID.
	 * @return the id, or empty for an API key bound to no user
	 */
	@JsonIgnore
	public Optional<UUID> userUuid() {
		return SERVICE_KEY_USER.equals(this.userId) ? Optional.empty() : Optional.of(UUID.fromString(this.userId));
	}

	/**
	 * The id of the API key the caller authenticated with, as a UUID.
	 * @return the key id, or empty for callers without one
	 */
	@JsonIgnore
	public Optional<UUID> keyUuid() {
		return Optional.ofNullable(this.keyId).map(UUID::fromString);
	}

	/**
	 * The service acting for the user, named by the {@code act} claim of an exchanged
	 * access token.
	 * @return the service's client id, or empty when the user acts directly
	 */
	@JsonIgnore
	public Optional<String> actingService() {
		return Optional.ofNullable(this.actor);
	}

	/**
	 * The tenant id as a UUID.
	 * @return the tenant id
	 */
	@JsonIgnore
	public UUID tenantUuid() {
		return UUID.fromString(this.tenantId);
	}

	/**
	 * Whether the principal holds a permission (superusers hold all).
	 * @param permission the permission name
	 * @return whether it is held
	 */
	public boolean can(String permission) {
		return this.superuser || this.permissions.contains(permission);
	}

}
