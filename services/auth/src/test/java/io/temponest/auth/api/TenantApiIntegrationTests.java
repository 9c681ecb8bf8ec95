package io.temponest.auth.api;

import java.util.UUID;

import io.temponest.auth.Api;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant administration over HTTP: an admin's powers end at its tenant, a superuser's do
 * not.
 */
@AuthIntegrationTest
class TenantApiIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	private Api api;

	private Fixtures.Tenant tenant;

	private String adminToken;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(this.tenant, "admin");
		this.adminToken = this.api.accessToken(admin.email(), Fixtures.PASSWORD);
	}

	@Test
	void inviteWhenCallerNotAdminOfThatTenantThen403() {
		Fixtures.User viewer = this.fixtures.user(this.tenant, "viewer");
		String viewerToken = new Api(this.mvc).accessToken(viewer.email(), Fixtures.PASSWORD);
		assertThat(this.api.post(invitations(this.tenant), invite(Fixtures.email("x")), viewerToken))
			.hasStatus(HttpStatus.FORBIDDEN);
		Fixtures.Tenant other = this.fixtures.tenant();
		assertThat(this.api.post(invitations(other), invite(Fixtures.email("y")), this.adminToken))
			.as("an admin's powers end at its tenant")
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void inviteWhenSuperuserThenAnyTenant() {
		Fixtures.User root = this.fixtures.user(this.fixtures.tenant(), true);
		String rootToken = new Api(this.mvc).accessToken(root.email(), Fixtures.PASSWORD);
		assertThat(this.api.post(invitations(this.tenant), invite(Fixtures.email("z")), rootToken))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void inviteWhenInputInvalidThen422() {
		assertThat(this.api.post(invitations(this.tenant), "{\"email\":\"x' OR 1=1\"}", this.adminToken))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(this.api.post(invitations(this.tenant),
				"{\"email\":\"" + Fixtures.email("r") + "\",\"roles\":[\"root'; --\"]}", this.adminToken))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void changeRolesWhenAdminThenNewPermissionsAtNextLogin() {
		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		Api memberClient = new Api(this.mvc);
		assertThat(memberClient.login(member.email(), Fixtures.PASSWORD).toString()).isNotEmpty();
		MvcTestResult changed = this.api
			.send(MockMvcRequestBuilders.put("/tenants/" + this.tenant.id() + "/members/" + member.id() + "/roles")
				.contentType("application/json")
				.content("{\"roles\":[\"developer\"]}"), this.adminToken);
		assertThat(changed).hasStatus(HttpStatus.OK);
		assertThat(Api.json(changed).get("roles").toString()).isEqualTo("[\"developer\"]");
		String token = memberClient.accessToken(member.email(), Fixtures.PASSWORD);
		assertThat(Api.json(memberClient.get("/auth/me", token)).get("permissions").toString())
			.contains("agents:execute");
	}

	@Test
	void membersWhenListedThenOnlyThisTenant() {
		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		Fixtures.User outsider = this.fixtures.user(this.fixtures.tenant(), "viewer");
		MvcTestResult result = this.api.get("/tenants/" + this.tenant.id() + "/members", this.adminToken);
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(Api.body(result)).contains(member.email()).doesNotContain(outsider.email());
		assertThat(this.api.get("/tenants/" + this.tenant.id() + "/members?limit=0", this.adminToken))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		MvcTestResult injected = this.api.get("/tenants/" + this.tenant.id() + "/members?after=' OR '1'='1' --&limit=5",
				this.adminToken);
		assertThat(injected).hasStatus(HttpStatus.OK);
		assertThat(Api.body(injected)).doesNotContain(outsider.email());
		assertThat(this.api.send(MockMvcRequestBuilders.get("/tenants/{id}/members", this.tenant.id())
			.queryParam("after", "a\u0000b")
			.queryParam("limit", "5"), this.adminToken)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void deactivateWhenAdminThenMemberCannotLogIn() {
		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		assertThat(this.api.post("/tenants/" + this.tenant.id() + "/members/" + member.id() + "/deactivate", "{}",
				this.adminToken))
			.hasStatus(HttpStatus.OK);
		assertThat(new Api(this.mvc).post("/auth/login",
				"{\"email\":\"" + member.email() + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}"))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void membershipWhenTargetsWrongThenProblemStatuses() {
		MvcTestResult unknownMember = this.api.send(
				MockMvcRequestBuilders.put("/tenants/" + this.tenant.id() + "/members/" + UUID.randomUUID() + "/roles")
					.contentType("application/json")
					.content("{\"roles\":[\"viewer\"]}"),
				this.adminToken);
		assertThat(unknownMember).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(Api.json(unknownMember).get("detail").asString()).isNotBlank();

		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		assertThat(this.api
			.send(MockMvcRequestBuilders.put("/tenants/" + this.tenant.id() + "/members/" + member.id() + "/roles")
				.contentType("application/json")
				.content("{\"roles\":[\"emperor\"]}"), this.adminToken))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);

		assertThat(this.api.post(invitations(this.tenant), invite(member.email()), this.adminToken))
			.as("an address with an account cannot be invited")
			.hasStatus(HttpStatus.CONFLICT);
	}

	@Test
	void deactivateWhenLastAdminThenConflict() {
		Fixtures.Tenant solo = this.fixtures.tenant();
		Fixtures.User onlyAdmin = this.fixtures.user(solo, "admin");
		String token = new Api(this.mvc).accessToken(onlyAdmin.email(), Fixtures.PASSWORD);
		assertThat(this.api.post("/tenants/" + solo.id() + "/members/" + onlyAdmin.id() + "/deactivate", "{}", token))
			.hasStatus(HttpStatus.CONFLICT);
	}

	private static String invitations(Fixtures.Tenant tenant) {
		return "/tenants/" + tenant.id() + "/invitations";
	}

	private static String invite(String email) {
		return "{\"email\":\"" + email + "\"}";
	}

}
