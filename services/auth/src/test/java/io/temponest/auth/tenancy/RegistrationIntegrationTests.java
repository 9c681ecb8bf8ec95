package io.temponest.auth.tenancy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.password.WeakPasswordException;
import io.temponest.auth.user.UserView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Registration into a new tenant, in one transaction. */
@AuthIntegrationTest
class RegistrationIntegrationTests {

	private static final String PASSWORD = "ValidPass123!";

	@Autowired
	private Registration registration;

	@Autowired
	private Fixtures fixtures;

	@Test
	void registerWhenNoTenantThenNewTenantWithRegistrantAsAdminAndAudit() {
		String email = Fixtures.email("Ada.Lovelace");
		UserView user = this.registration.register(new RegisterCommand(email, PASSWORD, "Ada Lovelace", null, null),
				ClientInfo.NONE);
		assertThat(user.email()).isEqualTo(email);
		assertThat(user.fullName()).isEqualTo("Ada Lovelace");
		assertThat(user.active()).isTrue();
		assertThat(user.superuser()).isFalse();
		assertThat(user.roles()).containsExactly("admin");
		assertThat(user.permissions()).hasSize(18);
		assertThat(user.tenantName()).isEqualTo("Ada Lovelace's Organization");
		Map<String, Object> tenant = this.fixtures.admin()
			.sql("SELECT slug, is_active, plan FROM auth.tenants WHERE id = :id")
			.param("id", user.tenantId())
			.query()
			.singleRow();
		assertThat((String) tenant.get("slug")).startsWith("ada-lovelace-").matches("[a-z0-9]+(-[a-z0-9]+)*");
		assertThat(tenant).containsEntry("is_active", true).containsEntry("plan", "free");
		assertThat(this.fixtures.auditCount("register", user.id())).isOne();
		assertThat(this.fixtures.events(user.tenantId())).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("user.registered");
			assertThat(event.userId()).isEqualTo(user.id());
			assertThat(event.payload().get("level").asString()).isEqualTo("success");
			assertThat(event.payload().get("resource_id").asString()).isEqualTo(user.id().toString());
			assertThat(event.payload().get("message").asString()).isEqualTo(email + " registered");
			assertThat(event.payload().toString()).doesNotContain(PASSWORD);
		});
		String stored = this.fixtures.admin()
			.sql("SELECT hashed_password FROM auth.users WHERE id = :id")
			.param("id", user.id())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("$2b$12$").doesNotContain(PASSWORD);
	}

	@Test
	void registerWhenEmailTakenInAnyCaseThen409() {
		String email = Fixtures.email("taken");
		this.registration.register(new RegisterCommand(email, PASSWORD, "First", null, null), ClientInfo.NONE);
		assertThatExceptionOfType(EmailAlreadyRegisteredException.class)
			.isThrownBy(() -> this.registration
				.register(new RegisterCommand(email.toUpperCase(), PASSWORD, "Second", null, null), ClientInfo.NONE))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).isEqualTo("Email already registered"));
	}

	@Test
	void registerWhenLocalPartsCollideThenSlugsAreSuffixed() {
		String local = "john.doe." + UUID.randomUUID().toString().substring(0, 8);
		UserView first = this.registration
			.register(new RegisterCommand(local + "@a-example.com", PASSWORD, "John A", null, null), ClientInfo.NONE);
		UserView second = this.registration
			.register(new RegisterCommand(local + "@b-example.com", PASSWORD, "John B", null, null), ClientInfo.NONE);
		String base = local.replace('.', '-');
		assertThat(slugs(List.of(first.tenantId(), second.tenantId()))).containsExactlyInAnyOrder(base, base + "-2");
	}

	@Test
	void registerWhenTenantIdWithoutInvitationThen403() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		assertThatExceptionOfType(TenantJoinForbiddenException.class).isThrownBy(() -> this.registration.register(
				new RegisterCommand(Fixtures.email("joiner"), PASSWORD, "Joiner", tenant.id(), null), ClientInfo.NONE));
	}

	@Test
	void registerWhenPasswordWeakThenRejectedBeforeAnythingIsStored() {
		String email = Fixtures.email("weak");
		assertThatExceptionOfType(WeakPasswordException.class).isThrownBy(() -> this.registration
			.register(new RegisterCommand(email, "password", "Weak", null, null), ClientInfo.NONE));
		assertThat(count("SELECT count(*) FROM auth.users WHERE email = :v", email)).isZero();
	}

	@Test
	void registerWhenUserInsertFailsThenNoOrphanTenant() {
		String local = "orphan-" + UUID.randomUUID().toString().substring(0, 8);
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.registration.register(
				new RegisterCommand(local + "@example.com", PASSWORD, "x".repeat(300), null, null), ClientInfo.NONE));
		assertThat(count("SELECT count(*) FROM auth.tenants WHERE slug LIKE :v", local + "%")).isZero();
	}

	private List<String> slugs(List<UUID> tenants) {
		return this.fixtures.admin()
			.sql("SELECT slug FROM auth.tenants WHERE id IN (:ids)")
			.param("ids", tenants)
			.query(String.class)
			.list();
	}

	private long count(String sql, String value) {
		return this.fixtures.admin().sql(sql).param("v", value).query(Long.class).single();
	}

}
