package io.temponest.auth.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;
import io.temponest.auth.password.PasswordHasher;
import io.temponest.auth.password.PasswordPolicy;
import io.temponest.security.Sha256;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.user.NewAccount;
import io.temponest.auth.user.RoleGrants;
import io.temponest.auth.user.Roles;
import io.temponest.auth.user.UserAccounts;
import io.temponest.auth.user.UserView;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Registration. Without an invitation it creates a new tenant ({@code "{full_name}'s
 * Organization"}, slug from the email's local part, made unique) whose admin is the
 * registrant; with an invitation it joins the inviting tenant with the invitation's
 * roles. Either way tenant, user, roles, audit row and platform event
 * ({@code user.registered} or {@code member.joined}) commit together or not at all.
 */
@Service
public class Registration {

	private static final String ORGANIZATION_SUFFIX = "'s Organization";

	private static final int MAX_TENANT_NAME = 255;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final UserAccounts accounts;

	private final RoleGrants grants;

	private final TenantStore tenants;

	private final InvitationStore invitations;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final EventOutbox events;

	Registration(PasswordPolicy policy, PasswordHasher hasher, UserAccounts accounts, RoleGrants grants,
			TenantStore tenants, InvitationStore invitations, AuditLog audit, TenantTransactions transactions,
			EventOutbox events) {
		this.policy = policy;
		this.hasher = hasher;
		this.accounts = accounts;
		this.grants = grants;
		this.tenants = tenants;
		this.invitations = invitations;
		this.audit = audit;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Register a user.
	 * @param command the registration
	 * @param client where the request came from
	 * @return the new user with its roles and permissions
	 * @throws io.temponest.auth.password.WeakPasswordException the password breaks the
	 * policy
	 * @throws TenantJoinForbiddenException a tenant id without an invitation, or an
	 * invalid, expired, used or mismatched invitation
	 * @throws EmailAlreadyRegisteredException the email has an account already
	 */
	public UserView register(RegisterCommand command, ClientInfo client) {
		this.policy.check(command.password());
		if (command.tenantId() != null && command.invitationToken() == null) {
			throw TenantJoinForbiddenException.invitationRequired();
		}
		if (this.accounts.findLogin(command.email()).isPresent()) {
			throw new EmailAlreadyRegisteredException();
		}
		InvitationStore.Found invitation = null;
		if (command.invitationToken() != null) {
			invitation = this.invitations.find(Sha256.hex(command.invitationToken()))
				.filter((found) -> command.tenantId() == null || found.tenantId().equals(command.tenantId()))
				.orElseThrow(TenantJoinForbiddenException::invalidInvitation);
		}
		String hash = this.hasher.hash(command.password());
		try {
			return (invitation != null) ? joinTenant(command, invitation, hash, client)
					: createTenant(command, hash, client);
		}
		catch (DuplicateKeyException ex) {
			throw new EmailAlreadyRegisteredException();
		}
	}

	private UserView createTenant(RegisterCommand command, String hash, ClientInfo client) {
		UUID tenantId = UUID.randomUUID();
		return this.transactions.write(tenantId, () -> {
			this.tenants.create(tenantId, tenantName(command.fullName()), Slugs.fromEmail(command.email()));
			return createUser(command, tenantId, hash, List.of(Roles.ADMIN), null, client);
		});
	}

	private UserView joinTenant(RegisterCommand command, InvitationStore.Found invitation, String hash,
			ClientInfo client) {
		UUID tenantId = invitation.tenantId();
		return this.transactions.write(tenantId, () -> {
			InvitationStore.Pending pending = this.invitations.lockPending(invitation.id())
				.filter((found) -> sameAddress(found.email(), command.email()))
				.orElseThrow(TenantJoinForbiddenException::invalidInvitation);
			this.tenants.find(tenantId)
				.filter(TenantStore.TenantRow::active)
				.orElseThrow(TenantJoinForbiddenException::invalidInvitation);
			UserView user = createUser(command, tenantId, hash, pending.roles(), invitation.id(), client);
			this.invitations.markAccepted(invitation.id(), user.id());
			return user;
		});
	}

	private UserView createUser(RegisterCommand command, UUID tenantId, String hash, List<String> roles,
			@Nullable UUID invitationId, ClientInfo client) {
		UUID userId = this.accounts.create(new NewAccount(tenantId, command.email(), hash, command.fullName(), false));
		this.grants.replaceRoles(userId, tenantId, roles);
		AuditEvent event = AuditEvent.of(tenantId, userId, "register").on("user", null).from(client);
		this.audit
			.record((invitationId != null) ? event.with(Map.of("invitation_id", invitationId.toString())) : event);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("email", command.email());
		details.put("roles", roles);
		if (invitationId != null) {
			details.put("invitation_id", invitationId.toString());
		}
		this.events.publish((invitationId != null)
				? new PlatformEvent("member.joined", tenantId, userId, EventLevel.SUCCESS, "user", userId.toString(),
						command.email() + " joined", details)
				: new PlatformEvent("user.registered", tenantId, userId, EventLevel.SUCCESS, "user", userId.toString(),
						command.email() + " registered", details));
		return this.accounts.view(userId).orElseThrow();
	}

	private static String tenantName(String fullName) {
		String owner = fullName.strip();
		int room = MAX_TENANT_NAME - ORGANIZATION_SUFFIX.length();
		if (owner.length() > room) {
			owner = owner.substring(0, room).strip();
		}
		return owner + ORGANIZATION_SUFFIX;
	}

	private static boolean sameAddress(String invited, String registering) {
		return invited.toLowerCase(Locale.ROOT).equals(registering.toLowerCase(Locale.ROOT));
	}

}
