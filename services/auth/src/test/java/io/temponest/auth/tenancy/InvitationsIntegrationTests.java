package io.temponest.auth.tenancy;

import java.util.List;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.user.UnknownRoleException;
import io.temponest.auth.user.UserView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Joining an existing tenant only with an invitation of its admin. */
@AuthIntegrationTest
class InvitationsIntegrationTests {

	private static final String PASSWORD = "ValidPass123!";

	@Autowired
	private Invitations invitations;

	@Autowired
	private Registration registration;

	@Autowired
	private Fixtures fixtures;

	@Test
	void registerWhenInvitedThenJoinsTenantWithInvitationRolesOnce() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		String email = Fixtures.email("invitee");
		CreatedInvitation invitation = this.invitations.create(this.fixtures.principal(admin), tenant.id(), email,
				List.of("developer"), ClientInfo.NONE);
		assertThat(invitation.token()).startsWith("inv_").hasSize(68);
		UserView user = this.registration.register(
				new RegisterCommand(email, PASSWORD, "Invited Dev", tenant.id(), invitation.token()), ClientInfo.NONE);
		assertThat(user.tenantId()).isEqualTo(tenant.id());
		assertThat(user.roles()).containsExactly("developer");
		assertThat(user.tenantName()).isEqualTo("Fixture " + tenant.slug());
		assertThat(this.fixtures.auditCount("invitation_create", admin.id())).isOne();
		assertThat(this.fixtures.events(tenant.id())).extracting(Fixtures.Event::type, Fixtures.Event::userId)
			.containsExactlyInAnyOrder(tuple("user.invited", admin.id()), tuple("member.joined", user.id()));
		assertThat(this.fixtures.events(tenant.id())).allSatisfy((event) -> {
			assertThat(event.payload().get("details").get("email").asString()).isEqualTo(email);
			assertThat(event.payload().toString()).doesNotContain(invitation.token());
		});
		assertThatExceptionOfType(TenantJoinForbiddenException.class).isThrownBy(() -> this.registration.register(
				new RegisterCommand(Fixtures.email("second"), PASSWORD, "Second", null, invitation.token()),
				ClientInfo.NONE));
	}

	@Test
	void createWhenNoRolesThenViewer() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		String email = Fixtures.email("viewer");
		CreatedInvitation invitation = this.invitations.create(this.fixtures.principal(admin), tenant.id(), email,
				List.of(), ClientInfo.NONE);
		assertThat(invitation.roles()).containsExactly("viewer");
		UserView user = this.registration
			.register(new RegisterCommand(email, PASSWORD, "Viewer", null, invitation.token()), ClientInfo.NONE);
		assertThat(user.roles()).containsExactly("viewer");
	}

	@Test
	void registerWhenInvitationForAnotherEmailOrTenantThen403() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		String email = Fixtures.email("intended");
		CreatedInvitation invitation = this.invitations.create(this.fixtures.principal(admin), tenant.id(), email,
				List.of("viewer"), ClientInfo.NONE);
		assertThatExceptionOfType(TenantJoinForbiddenException.class).isThrownBy(() -> this.registration.register(
				new RegisterCommand(Fixtures.email("someone-else"), PASSWORD, "Else", null, invitation.token()),
				ClientInfo.NONE));
		assertThatExceptionOfType(TenantJoinForbiddenException.class).isThrownBy(() -> this.registration.register(
				new RegisterCommand(email, PASSWORD, "Intended", this.fixtures.tenant().id(), invitation.token()),
				ClientInfo.NONE));
		assertThatExceptionOfType(TenantJoinForbiddenException.class).isThrownBy(() -> this.registration
			.register(new RegisterCommand(email, PASSWORD, "Intended", null, "inv_forged"), ClientInfo.NONE));
	}

	@Test
	void createWhenViewerOrAdminOfAnotherTenantThenDenied() {
		Fixtures.Tenant a = this.fixtures.tenant();
		Fixtures.Tenant b = this.fixtures.tenant();
		Fixtures.User viewer = this.fixtures.user(a, "viewer");
		Fixtures.User adminOfB = this.fixtures.user(b, "admin");
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> this.invitations
			.create(this.fixtures.principal(viewer), a.id(), Fixtures.email("x"), List.of(), ClientInfo.NONE));
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> this.invitations
			.create(this.fixtures.principal(adminOfB), a.id(), Fixtures.email("x"), List.of(), ClientInfo.NONE));
	}

	@Test
	void createWhenSuperuserOfAnotherTenantThenAllowed() {
		Fixtures.Tenant a = this.fixtures.tenant();
		Fixtures.User superuser = this.fixtures.user(this.fixtures.tenant(), true, "admin");
		CreatedInvitation invitation = this.invitations.create(this.fixtures.principal(superuser), a.id(),
				Fixtures.email("by-superuser"), List.of("manager"), ClientInfo.NONE);
		assertThat(invitation.tenantId()).isEqualTo(a.id());
		// events are sent as a user of their tenant: a superuser's invitation elsewhere
		// is audited only
		assertThat(this.fixtures.events(a.id())).isEmpty();
	}

	@Test
	void createWhenUnknownRoleOrRegisteredEmailThenRejected() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		assertThatExceptionOfType(UnknownRoleException.class)
			.isThrownBy(() -> this.invitations.create(this.fixtures.principal(admin), tenant.id(), Fixtures.email("x"),
					List.of("editor"), ClientInfo.NONE))
			.withMessageNotContaining("editor");
		assertThatExceptionOfType(EmailAlreadyRegisteredException.class).isThrownBy(() -> this.invitations
			.create(this.fixtures.principal(admin), tenant.id(), admin.email(), List.of(), ClientInfo.NONE));
	}

}
