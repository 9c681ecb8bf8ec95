package io.temponest.auth.api;

import java.util.UUID;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.SignIn;
import io.temponest.testsupport.ApiCaller;
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

	private ApiCaller api;

	private Fixtures.Tenant tenant;

	private String adminToken;

	@BeforeEach
	void setUp() {
		this.api = ApiCaller.anonymous();
		this.tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(this.tenant, "admin");
		this.adminToken = SignIn.accessToken(this.mvc, this.api, admin.email(), Fixtures.PASSWORD);
	}

	@Test
	void inviteWhenCallerNotAdminOfThatTenantThen403() {
		Fixtures.User viewer = this.fixtures.user(this.tenant, "viewer");
		String viewerToken = SignIn.accessToken(this.mvc, ApiCaller.anonymous(), viewer.email(), Fixtures.PASSWORD);
		assertThat(this.mvc
			.perform(this.api.bearer(viewerToken).post(invite(Fixtures.email("x")), invitations(this.tenant))))
			.hasStatus(HttpStatus.FORBIDDEN);
		Fixtures.Tenant other = this.fixtures.tenant();
		assertThat(this.mvc
			.perform(this.api.bearer(this.adminToken).post(invite(Fixtures.email("y")), invitations(other))))
			.as("an admin's powers end at its tenant")
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void inviteWhenSuperuserThenAnyTenant() {
		Fixtures.User root = this.fixtures.user(this.fixtures.tenant(), true);
		String rootToken = SignIn.accessToken(this.mvc, ApiCaller.anonymous(), root.email(), Fixtures.PASSWORD);
		assertThat(this.mvc
			.perform(this.api.bearer(rootToken).post(invite(Fixtures.email("z")), invitations(this.tenant))))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void inviteWhenInputInvalidThen422() {
		assertThat(this.mvc
			.perform(this.api.bearer(this.adminToken).post("{\"email\":\"x' OR 1=1\"}", invitations(this.tenant))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(this.mvc.perform(this.api.bearer(this.adminToken)
			.post("{\"email\":\"" + Fixtures.email("r") + "\",\"roles\":[\"root'; --\"]}", invitations(this.tenant))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void changeRolesWhenAdminThenNewPermissionsAtNextLogin() {
		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		ApiCaller memberClient = ApiCaller.anonymous();
		assertThat(SignIn.tokens(this.mvc, memberClient, member.email(), Fixtures.PASSWORD).toString()).isNotEmpty();
		MvcTestResult changed = this.mvc.perform(this.api.bearer(this.adminToken)
			.from(MockMvcRequestBuilders.put("/tenants/" + this.tenant.id() + "/members/" + member.id() + "/roles")
				.contentType("application/json")
				.content("{\"roles\":[\"developer\"]}")));
		assertThat(changed).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.json(changed).get("roles").toString()).isEqualTo("[\"developer\"]");
		String token = SignIn.accessToken(this.mvc, memberClient, member.email(), Fixtures.PASSWORD);
		assertThat(ApiCaller.json(this.mvc.perform(memberClient.bearer(token).get("/auth/me")))
			.get("permissions")
			.toString()).contains("agents:execute");
	}

	@Test
	void membersWhenListedThenOnlyThisTenant() {
		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		Fixtures.User outsider = this.fixtures.user(this.fixtures.tenant(), "viewer");
		MvcTestResult result = this.mvc
			.perform(this.api.bearer(this.adminToken).get("/tenants/" + this.tenant.id() + "/members"));
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.body(result)).contains(member.email()).doesNotContain(outsider.email());
		assertThat(this.mvc
			.perform(this.api.bearer(this.adminToken).get("/tenants/" + this.tenant.id() + "/members?limit=0")))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		MvcTestResult injected = this.mvc.perform(this.api.bearer(this.adminToken)
			.get("/tenants/" + this.tenant.id() + "/members?after=' OR '1'='1' --&limit=5"));
		assertThat(injected).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.body(injected)).doesNotContain(outsider.email());
		assertThat(this.mvc.perform(this.api.bearer(this.adminToken)
			.from(MockMvcRequestBuilders.get("/tenants/{id}/members", this.tenant.id())
				.queryParam("after", "a\u0000b")
				.queryParam("limit", "5"))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void deactivateWhenAdminThenMemberCannotLogIn() {
		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		assertThat(this.mvc.perform(this.api.bearer(this.adminToken)
			.post("{}", "/tenants/" + this.tenant.id() + "/members/" + member.id() + "/deactivate")))
			.hasStatus(HttpStatus.OK);
		assertThat(this.mvc.perform(ApiCaller.anonymous()
			.post("{\"email\":\"" + member.email() + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}", "/auth/login")))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void membershipWhenTargetsWrongThenProblemStatuses() {
		MvcTestResult unknownMember = this.mvc.perform(this.api.bearer(this.adminToken)
			.from(MockMvcRequestBuilders
				.put("/tenants/" + this.tenant.id() + "/members/" + UUID.randomUUID() + "/roles")
				.contentType("application/json")
				.content("{\"roles\":[\"viewer\"]}")));
		assertThat(unknownMember).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(ApiCaller.json(unknownMember).get("detail").asString()).isNotBlank();

		Fixtures.User member = this.fixtures.user(this.tenant, "viewer");
		assertThat(this.mvc.perform(this.api.bearer(this.adminToken)
			.from(MockMvcRequestBuilders.put("/tenants/" + this.tenant.id() + "/members/" + member.id() + "/roles")
				.contentType("application/json")
				.content("{\"roles\":[\"emperor\"]}"))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);

		assertThat(this.mvc
			.perform(this.api.bearer(this.adminToken).post(invite(member.email()), invitations(this.tenant))))
			.as("an address with an account cannot be invited")
			.hasStatus(HttpStatus.CONFLICT);
	}

	@Test
	void deactivateWhenLastAdminThenConflict() {
		Fixtures.Tenant solo = this.fixtures.tenant();
		Fixtures.User onlyAdmin = this.fixtures.user(solo, "admin");
		String token = SignIn.accessToken(this.mvc, ApiCaller.anonymous(), onlyAdmin.email(), Fixtures.PASSWORD);
		assertThat(this.mvc.perform(this.api.bearer(token)
			.post("{}", "/tenants/" + solo.id() + "/members/" + onlyAdmin.id() + "/deactivate")))
			.hasStatus(HttpStatus.CONFLICT);
	}

	private static String invitations(Fixtures.Tenant tenant) {
		return "/tenants/" + tenant.id() + "/invitations";
	}

	private static String invite(String email) {
		return "{\"email\":\"" + email + "\"}";
	}

}
