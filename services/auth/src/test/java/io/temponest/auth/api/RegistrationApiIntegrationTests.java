package io.temponest.auth.api;

import java.util.UUID;

import io.temponest.auth.Api;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
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

	private Api api;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
	}

	@Test
	void registerWhenNewThenOwnTenantAndAdminRole() {
		String email = Fixtures.email("founder");
		MvcTestResult result = this.api.post("/auth/register", register(email, PASSWORD, "Ada Lovelace", null));
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = Api.json(result);
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
		assertThat(this.api.login(email, PASSWORD).get("tenant_id").asString())
			.isEqualTo(body.get("tenant_id").asString());
	}

	@Test
	void registerWhenEmailTakenThen409() {
		String email = Fixtures.email("taken");
		assertThat(this.api.post("/auth/register", register(email, PASSWORD, "First", null)))
			.hasStatus(HttpStatus.CREATED);
		MvcTestResult again = new Api(this.mvc).post("/auth/register",
				register(email.toUpperCase(java.util.Locale.ROOT).replace("@EXAMPLE.COM", "@example.com"), PASSWORD,
						"Second", null));
		assertThat(again).hasStatus(HttpStatus.CONFLICT);
		assertThat(Api.json(again).get("detail").asString()).isEqualTo("Email already registered");
	}

	@Test
	void registerWhenPasswordWeakThen422() {
		for (String weak : new String[] { "weak", "alllowercase123", "ALLUPPERCASE123", "NoDigitsAtAllHere",
				"Password1234" }) {
			MvcTestResult result = new Api(this.mvc).post("/auth/register",
					register(Fixtures.email("weak"), weak, "Weak Password", null));
			assertThat(result).as(weak).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(Api.body(result)).doesNotContain(weak);
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
			MvcTestResult result = new Api(this.mvc).post("/auth/register", body);
			assertThat(result).as(body).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(Api.body(result)).doesNotContain("<script>").doesNotContain("DROP TABLE");
		}
	}

	@Test
	void registerWhenNameHasApostropheThenAccepted() {
		assertThat(this.api.post("/auth/register", register(Fixtures.email("obrien"), PASSWORD, "Conan O'Brien", null)))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void registerWhenPrivilegeFieldsSentThenIgnored() {
		String body = "{\"email\":\"" + Fixtures.email("sneaky") + "\",\"password\":\"" + PASSWORD
				+ "\",\"full_name\":\"Sneaky\",\"is_superuser\":true,\"role\":\"admin\",\"roles\":[\"admin\"]}";
		MvcTestResult result = this.api.post("/auth/register", body);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		assertThat(Api.json(result).get("is_superuser").asBoolean()).isFalse();
	}

	@Test
	void registerWhenExistingTenantWithoutInvitationThen403() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		MvcTestResult result = this.api.post("/auth/register",
				register(Fixtures.email("joiner"), PASSWORD, "Joiner", tenant.id().toString()));
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
		String adminToken = this.api.accessToken(admin.email(), Fixtures.PASSWORD);
		String invitee = Fixtures.email("invitee");
		MvcTestResult invitation = this.api.post("/tenants/" + tenant.id() + "/invitations",
				"{\"email\":\"" + invitee + "\",\"roles\":[\"developer\"]}", adminToken);
		assertThat(invitation).hasStatus(HttpStatus.CREATED);
		String token = Api.json(invitation).get("invitation_token").asString();

		String body = "{\"email\":\"" + invitee + "\",\"password\":\"" + PASSWORD
				+ "\",\"full_name\":\"Invited Person\",\"tenant_id\":\"" + tenant.id() + "\",\"invitation_token\":\""
				+ token + "\"}";
		MvcTestResult joined = new Api(this.mvc).post("/auth/register", body);
		assertThat(joined).hasStatus(HttpStatus.CREATED);
		assertThat(Api.json(joined).get("tenant_id").asString()).isEqualTo(tenant.id().toString());
		assertThat(Api.json(joined).get("roles").toString()).isEqualTo("[\"developer\"]");
		MvcTestResult reused = new Api(this.mvc).post("/auth/register", body.replace(invitee, Fixtures.email("other")));
		assertThat(reused.getResponse().getStatus()).as("an invitation is for its email and is spent")
			.isIn(HttpStatus.FORBIDDEN.value(), HttpStatus.CONFLICT.value());
	}

	@Test
	void registerWhenFourthInAnHourThen429() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.post("/auth/register", register(Fixtures.email("burst"), PASSWORD, "Burst", null)))
				.hasStatus(HttpStatus.CREATED);
		}
		assertThat(this.api.post("/auth/register", register(Fixtures.email("burst"), PASSWORD, "Burst", null)))
			.hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	static String register(String email, String password, String fullName, String tenantId) {
		String tenant = (tenantId != null) ? ",\"tenant_id\":\"" + tenantId + "\"" : "";
		return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"" + fullName + "\""
				+ tenant + "}";
	}

}
