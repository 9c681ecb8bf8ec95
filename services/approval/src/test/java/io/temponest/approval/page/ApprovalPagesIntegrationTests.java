package io.temponest.approval.page;

import java.util.List;
import java.util.UUID;

import io.temponest.approval.ApprovalIntegrationTest;
import io.temponest.approval.Fixtures;
import io.temponest.approval.OwnerDatabase;
import io.temponest.approval.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The pages: sign-in through the auth service into an HttpOnly, SameSite=Strict cookie,
 * the cookie accepted by the pages only, CSRF tokens required on every form, escaped
 * output, security headers, and the dashboard's order.
 */
@ApprovalIntegrationTest
class ApprovalPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	private final ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

	@Test
	void pagesWhenNotSignedInThenRedirectToTheSignInPage() throws Exception {
		for (String path : new String[] { "/", "/approval/" + UUID.randomUUID() }) {
			MockHttpServletResponse response = this.mvc.perform(get(path)).andReturn().getResponse();
			assertThat(response.getStatus()).as(path).isEqualTo(302);
			assertThat(response.getRedirectedUrl()).as(path).endsWith("/login");
		}
		MockHttpServletResponse bearer = this.mvc
			.perform(get("/").header("Authorization", "Bearer " + person().token()))
			.andReturn()
			.getResponse();
		assertThat(bearer.getStatus()).as("a bearer header does not sign in to the pages").isEqualTo(302);
		MockHttpServletResponse stale = this.mvc.perform(get("/").cookie(new Cookie(SessionCookie.NAME, "garbage")))
			.andReturn()
			.getResponse();
		assertThat(stale.getRedirectedUrl()).endsWith("/login");
		assertThat(stale.getHeaders("Set-Cookie"))
			.anySatisfy((c) -> assertThat(c).startsWith(SessionCookie.NAME + "=;").contains("Max-Age=0"));
		assertThat(this.mvc.perform(get("/login").cookie(new Cookie(SessionCookie.NAME, "garbage")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void signInWhenTheAuthServiceAcceptsThenHttpOnlyStrictCookieAndRedirectToTheDashboard() throws Exception {
		SignIn person = person();
		MockHttpServletResponse response = this.mvc
			.perform(post("/login").with(csrf())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("email", person.email())
				.param("password", person.password()))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/");
		assertThat(response.getHeaders("Set-Cookie"))
			.anySatisfy((c) -> assertThat(c).startsWith(SessionCookie.NAME + "=" + person.token())
				.contains("HttpOnly")
				.contains("SameSite=Strict")
				.contains("Path=/"));
		MockHttpServletResponse wrong = this.mvc
			.perform(post("/login").with(csrf()).param("email", person.email()).param("password", "wrong-password"))
			.andReturn()
			.getResponse();
		assertThat(wrong.getStatus()).isEqualTo(401);
		assertThat(wrong.getContentAsString()).contains("Incorrect email or password");
		assertThat(wrong.getHeaders("Set-Cookie")).noneMatch((c) -> c.startsWith(SessionCookie.NAME + "=ey"));
		MockHttpServletResponse forged = this.mvc
			.perform(post("/login").param("email", person.email()).param("password", person.password()))
			.andReturn()
			.getResponse();
		assertThat(forged.getStatus()).as("sign-in without a CSRF token").isEqualTo(403);
	}

	@Test
	void dashboardWhenSignedInThenPendingByRiskThenAgeWithEscapedText() throws Exception {
		String low = Fixtures.create(this.mvc, this.requester, "low");
		String high = Fixtures.createWith(this.mvc, this.requester,
				"""
						{"workflow_id": "wf-0123456789abcdefXYZ", "run_id": "r", "task_description": "<script>alert(1)</script>",
						 "risk_level": "high"}""");
		String medium = Fixtures.create(this.mvc, this.requester, "medium");
		MockHttpServletResponse response = this.mvc.perform(get("/").cookie(cookie(person())))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("text/html");
		String html = response.getContentAsString();
		assertThat(html).contains("Approval Dashboard - Agentic Company", "Pending Approvals", "risk-high",
				"Workflow: wf-0123456789abc...", "Created: ");
		assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(html.indexOf(high)).isLessThan(html.indexOf(medium));
		assertThat(html.indexOf(medium)).isLessThan(html.indexOf(low));
		assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'none'")
			.contains("frame-ancestors 'none'");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Strict-Transport-Security")).startsWith("max-age=");
		String empty = this.mvc
			.perform(get("/").cookie(cookie(SignIn.person(UUID.randomUUID(), TestEnvironment.ALL_PERMISSIONS))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(empty).contains("✓ All caught up!", "No pending approvals at the moment.");
	}

	@Test
	void detailWhenSignedInThenContextDecisionsAndCsrfProtectedForms() throws Exception {
		String id = Fixtures.create(this.mvc, this.requester, "high");
		SignIn approver = person();
		Cookie session = cookie(approver);
		String html = this.mvc.perform(get("/approval/{id}", id).cookie(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("Request Details", "Deploy release 4.2 to production",
				"&quot;environment&quot; : &quot;production&quot;", "Your Decision", "name=\"_csrf\"");
		MockHttpServletResponse forged = this.mvc
			.perform(post("/approval/{id}/approve", id).cookie(session).param("reason", "forged"))
			.andReturn()
			.getResponse();
		assertThat(forged.getStatus()).as(() -> forged.getRedirectedUrl() + " " + decisionsOf(id)).isEqualTo(403);
		assertThat(decisions(id)).isZero();
		MockHttpServletResponse approved = this.mvc
			.perform(post("/approval/{id}/approve", id).cookie(session).with(csrf()).param("reason", "Fine"))
			.andReturn()
			.getResponse();
		assertThat(approved.getStatus()).isEqualTo(302);
		assertThat(approved.getRedirectedUrl()).isEqualTo("/");
		assertThat(decisions(id)).isOne();
		String after = this.mvc.perform(get("/approval/{id}", id).cookie(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(after).contains("Decisions", approver.userId().toString(), "Fine", "1 of 2");
		MockHttpServletResponse again = this.mvc
			.perform(post("/approval/{id}/deny", id).cookie(session).with(csrf()).param("reason", "changed my mind"))
			.andReturn()
			.getResponse();
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(again.getContentAsString()).contains("You have already decided on this approval");
		MockHttpServletResponse missing = this.mvc.perform(get("/approval/{id}", "not-a-uuid").cookie(session))
			.andReturn()
			.getResponse();
		assertThat(missing.getStatus()).isEqualTo(404);
		assertThat(missing.getContentAsString()).contains("Approval Not Found");
	}

	@Test
	void signOutWhenPostedWithCsrfThenCookieClearedAndBackToSignIn() throws Exception {
		Cookie session = cookie(person());
		assertThat(this.mvc.perform(post("/logout").cookie(session)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		MockHttpServletResponse response = this.mvc.perform(post("/logout").cookie(session).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).endsWith("/login");
		assertThat(response.getHeaders("Set-Cookie"))
			.anySatisfy((c) -> assertThat(c).startsWith(SessionCookie.NAME + "=;").contains("Max-Age=0"));
	}

	@Test
	void pageCookieWhenSentToTheApiThenIgnored() throws Exception {
		String id = Fixtures.create(this.mvc, this.requester, "low");
		MockHttpServletResponse api = this.mvc.perform(get("/api/approvals/{id}", id).cookie(cookie(person())))
			.andReturn()
			.getResponse();
		assertThat(api.getStatus()).isEqualTo(401);
		MockHttpServletResponse decide = this.mvc
			.perform(post("/api/approvals/{id}/approve", id).cookie(cookie(person())))
			.andReturn()
			.getResponse();
		assertThat(decide.getStatus()).isEqualTo(401);
		assertThat(decisions(id)).isZero();
	}

	@Test
	void pagesWhenPermissionMissingThen403Page() throws Exception {
		SignIn developer = SignIn.person(this.requester.tenantId(), List.of("workflows:create"));
		MockHttpServletResponse response = this.mvc.perform(get("/").cookie(cookie(developer)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("Access denied");
	}

	private SignIn person() {
		return SignIn.person(this.requester.tenantId(), TestEnvironment.ALL_PERMISSIONS);
	}

	private static Cookie cookie(SignIn person) {
		return new Cookie(SessionCookie.NAME, person.token());
	}

	private static String decisionsOf(String id) {
		return String.valueOf(decisions(id));
	}

	private static long decisions(String id) {
		return OwnerDatabase.jdbc()
			.sql("SELECT count(*) FROM approval.decisions WHERE approval_id = CAST(:id AS uuid)")
			.param("id", id)
			.query(Long.class)
			.single();
	}

}
