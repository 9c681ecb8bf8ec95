package io.temponest.auth.tenancy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.AuthProperties;
import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;
import io.temponest.security.Sha256;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.user.Roles;
import io.temponest.auth.user.UnknownRoleException;
import io.temponest.auth.user.UserAccounts;
import io.temponest.security.AuthPrincipal;

import org.springframework.stereotype.Service;

/**
 * Invitations to join a tenant, created by that tenant's admin (or a superuser). The
 * token is shown once and stored hashed; registering with it joins the tenant with the
 * invitation's roles. An invitation by a member of the tenant is published as a
 * {@code user.invited} platform event in the same transaction (a superuser's from another
 * tenant is audited only: events are sent as a user of their tenant).
 */
@Service
public class Invitations {

	/** Prefix of invitation tokens. */
	public static final String TOKEN_PREFIX = "inv_";

	private final SecureRandom random = new SecureRandom();

	private final InvitationStore store;

	private final TenantStore tenants;

	private final TenantAccess access;

	private final UserAccounts accounts;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final Duration ttl;

	private final EventOutbox events;

	Invitations(InvitationStore store, TenantStore tenants, TenantAccess access, UserAccounts accounts, AuditLog audit,
			TenantTransactions transactions, AuthProperties properties, EventOutbox events) {
		this.store = store;
		this.tenants = tenants;
		this.access = access;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
		this.ttl = properties.invitationTtl();
		this.events = events;
	}

	/**
	 * Invite an email address into a tenant.
	 * @param inviter the caller: that tenant's admin, or a superuser
	 * @param tenantId the tenant
	 * @param email the invited address (validated and normalised by the web layer)
	 * @param roles the roles to grant; empty means {@code viewer}
	 * @param client where the request came from
	 * @return the invitation with its token
	 * @throws TenantAccessDeniedException the caller is not allowed to invite there
	 * @throws TenantNotFoundException no active tenant with that id
	 * @throws EmailAlreadyRegisteredException the address has an account already
	 * @throws UnknownRoleException a role name is unknown
	 */
	public CreatedInvitation create(AuthPrincipal inviter, UUID tenantId, String email, Collection<String> roles,
			ClientInfo client) {
		List<String> granted = Roles.validated(roles.isEmpty() ? List.of(Roles.VIEWER) : roles);
		if (this.accounts.findLogin(email).isPresent()) {
			throw new EmailAlreadyRegisteredException();
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = TOKEN_PREFIX + HexFormat.of().formatHex(secret);
		Instant expiresAt = Instant.now().plus(this.ttl).truncatedTo(ChronoUnit.MICROS);
		UUID inviterId = inviter.userUuid().orElse(null);
		UUID id = this.transactions.write(tenantId, () -> {
			this.access.requireAdmin(inviter, tenantId);
			this.tenants.find(tenantId).filter(TenantStore.TenantRow::active).orElseThrow(TenantNotFoundException::new);
			UUID created = this.store.insert(tenantId, email, granted, Sha256.hex(token), inviterId, expiresAt);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("email", email);
			details.put("roles", granted);
			this.audit.record(AuditEvent.of(tenantId, inviterId, "invitation_create")
				.on("invitation", created)
				.with(details)
				.from(client));
			if (inviterId != null && inviter.tenantUuid().equals(tenantId)) {
				this.events.publish(new PlatformEvent("user.invited", tenantId, inviterId, EventLevel.INFO,
						"invitation", created.toString(), email + " invited", details));
			}
			return created;
		});
		return new CreatedInvitation(id, tenantId, email, granted, expiresAt, token);
	}

}
