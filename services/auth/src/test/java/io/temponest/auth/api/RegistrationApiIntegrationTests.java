package io.temponest.auth.api;

import java.util.UUID;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.SignIn;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /auth/register} and joining a tenant by invitation, over HTTP. */
@AuthIntegrationTest
class RegistrationApiIntegrationTests {

	private static final String PASSWORD = "ValidPass123!x";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	private ApiCaller api;

	@BeforeEach
	void setUp() {
		this.api = ApiCaller.anonymous();
	}

	@Test
	void registerWhenNewThenOwnTenantAndAdminRole() {
		String email = Fixtures.email("founder");
		MvcTestResult result = this.mvc
			.perform(this.api.post(register(email, PASSWORD, "Ada Lovelace", null), "/auth/register"));
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("email").asString()).isEqualTo(email);
		assertThat(body.get("full_name").asString()).isEqualTo("Ada Lovelace");
		assertThat(body.get("tenant_name").asString()).isEqualTo("Ada Lovelace's Organization");
		assertThat(body.get("is_active").asBoolean()).isTrue();
		assertThat(body.get("is_superuser").asBoolean()).isFalse();
		assertThat(body.get("roles").toString()).isEqualTo("[\"admin\"]");
		assertThat(body.get("permissions").size()).isEqualTo(18);
		assertThat(body.has("last_login_at")).isTrue();
		UUID userId = UUID.fromString(body.get("id").asString());
		assertThat(this.fixtures.auditCount("register", userId)).isEqualTo(1);
		assertThat(SignIn.tokens(this.mvc, this.api, email, PASSWORD).get("tenant_id").asString())
			.isEqualTo(body.get("tenant_id").asString());
	}

	@Test
	void registerWhenEmailTakenThen409() {
		String email = Fixtures.email("taken");
		assertThat(this.mvc.perform(this.api.post(register(email, PASSWORD, "First", null), "/auth/register")))
			.hasStatus(HttpStatus.CREATED);
		MvcTestResult again = this.mvc.perform(ApiCaller.anonymous()
			.post(register(email.toUpperCase(java.util.Locale.ROOT).replace("@EXAMPLE.COM", "@example.com"), PASSWORD,
					"Second", null), "/auth/register"));
		assertThat(again).hasStatus(HttpStatus.CONFLICT);
		assertThat(ApiCaller.json(again).get("detail").asString()).isEqualTo("Email already registered");
	}

	@Test
	void registerWhenPasswordWeakThen422() {
		for (String weak : new String[] { "weak", "alllowercase123", "ALLUPPERCASE123", "NoDigitsAtAllHere",
				"Password1234" }) {
			MvcTestResult result = this.mvc.perform(ApiCaller.anonymous()
				.post(register(Fixtures.email("weak"), weak, "Weak Password", null), "/auth/register"));
			assertThat(result).as(weak).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(ApiCaller.body(result)).doesNotContain(weak);
		}
	}

	@Test
	void registerWhenFieldsInvalidThen422WithoutEcho() {
		String[] bodies = { register("not-an-email", PASSWORD, "Name", null),
				register(Fixtures.email("xss"), PASSWORD, "<script>alert('Stored XSS')</script>", null),
				register(Fixtures.email("sqli"), PASSWORD, "Robert'); DROP TABLE auth.users;--", null),
				register("victim@example.com\\nBcc: other@example.com", PASSWORD, "Name", null),
				"{\"email\":\"" + Fixtures.email("nofullname") + "\",\"password\":\"" + PASSWORD + "\"}",
				register(Fixtures.email("badtenant"), PASSWORD, "Name", "not-a-uuid"),
				register(Fixtures.email("long"), PASSWORD, "a".repeat(256), null) };
		for (String body : bodies) {
			MvcTestResult result = this.mvc.perform(ApiCaller.anonymous().post(body, "/auth/register"));
			assertThat(result).as(body).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(ApiCaller.body(result)).doesNotContain("<script>").doesNotContain("DROP TABLE");
		}
	}

	@Test
	void registerWhenNameHasApostropheThenAccepted() {
		assertThat(this.mvc.perform(
				this.api.post(register(Fixtures.email("obrien"), PASSWORD, "Conan O'Brien", null), "/auth/register")))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void registerWhenPrivilegeFieldsSentThenIgnored() {
		String body = "{\"email\":\"" + Fixtures.email("sneaky") + "\",\"password\":\"" + PASSWORD
				+ "\",\"full_name\":\"Sneaky\",\"is_superuser\":true,\"role\":\"admin\",\"roles\":[\"admin\"]}";
		MvcTestResult result = this.mvc.perform(this.api.post(body, "/auth/register"));
		assertThat(result).hasStatus(HttpStatus.CREATED);
		assertThat(ApiCaller.json(result).get("is_superuser").asBoolean()).isFalse();
	}

	@Test
	void registerWhenExistingTenantWithoutInvitationThen403() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		MvcTestResult result = this.mvc.perform(this.api
			.post(register(Fixtures.email("joiner"), PASSWORD, "Joiner", tenant.id().toString()), "/auth/register"));
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.fixtures.admin()
			.sql("SELECT count(*) FROM auth.users WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void registerWhenInvitedThenJoinsTenantWithInvitedRoles() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		String adminToken = SignIn.accessToken(this.mvc, this.api, admin.email(), Fixtures.PASSWORD);
		String invitee = Fixtures.email("invitee");
		MvcTestResult invitation = this.mvc.perform(this.api.bearer(adminToken)
			.post("{\"email\":\"" + invitee + "\",\"roles\":[\"developer\"]}",
					"/tenants/" + tenant.id() + "/invitations"));
		assertThat(invitation).hasStatus(HttpStatus.CREATED);
		String token = ApiCaller.json(invitation).get("invitation_token").asString();

		String body = "{\"email\":\"" + invitee + "\",\"password\":\"" + PASSWORD
				+ "\",\"full_name\":\"Invited Person\",\"tenant_id\":\"" + tenant.id() + "\",\"invitation_token\":\""
				+ token + "\"}";
		MvcTestResult joined = this.mvc.perform(ApiCaller.anonymous().post(body, "/auth/register"));
		assertThat(joined).hasStatus(HttpStatus.CREATED);
		assertThat(ApiCaller.json(joined).get("tenant_id").asString()).isEqualTo(tenant.id().toString());
		assertThat(ApiCaller.json(joined).get("roles").toString()).isEqualTo("[\"developer\"]");
		MvcTestResult reused = this.mvc
			.perform(ApiCaller.anonymous().post(body.replace(invitee, Fixtures.email("other")), "/auth/register"));
		assertThat(reused.getResponse().getStatus()).as("an invitation is for its email and is spent")
			.isIn(HttpStatus.FORBIDDEN.value(), HttpStatus.CONFLICT.value());
	}

	@Test
	void registerWhenFourthInAnHourThen429() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.mvc
				.perform(this.api.post(register(Fixtures.email("burst"), PASSWORD, "Burst", null), "/auth/register")))
				.hasStatus(HttpStatus.CREATED);
		}
		assertThat(this.mvc
			.perform(this.api.post(register(Fixtures.email("burst"), PASSWORD, "Burst", null), "/auth/register")))
			.hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	static String register(String email, String password, String fullName, String tenantId) {
		String tenant = (tenantId != null) ? ",\"tenant_id\":\"" + tenantId + "\"" : "";
		return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"" + fullName + "\""
				+ tenant + "}";
	}

}
