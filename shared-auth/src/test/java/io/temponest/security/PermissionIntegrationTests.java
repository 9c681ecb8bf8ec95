package io.temponest.security;

import io.temponest.security.testapp.SecurityWebTest;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @PreAuthorize} permission checks, problem bodies of denials, and superusers. */
@SecurityWebTest
class PermissionIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void runAgentWhenPermissionHeldThen200() {
		assertThat(this.mvc.post()
			.uri("/api/agents/run")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.access("agents:read", "agents:execute")))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"status\": \"started\"}");
	}

	@Test
	void runAgentWhenPermissionMissingThen403NamingIt() {
		assertThat(this.mvc.post()
			.uri("/api/agents/run")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.access("agents:read")))
			.hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 403, "detail": "Missing required permission: agents:execute", "service": "test-service"}
					""");
	}

	@Test
	void runAgentWhenWildcardPermissionThen403() {
		assertThat(this.mvc.post()
			.uri("/api/agents/run")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.access("*", "agents:*")))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void runAgentWhenSuperuserWithoutPermissionThen200() {
		String token = TestTokens.sign(TestTokens.accessClaims().claim("is_superuser", true).build());
		assertThat(this.mvc.post().uri("/api/agents/run").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatusOk();
	}

	@Test
	void reportsWhenCompoundExpressionDeniedThen403Generic() {
		assertThat(this.mvc.get()
			.uri("/api/reports")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.access("reports:read")))
			.hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.isLenientlyEqualTo("{\"detail\": \"Missing required permission\"}");
	}

	@Test
	void reportsWhenSuperuserThen200() {
		String token = TestTokens.sign(TestTokens.accessClaims().claim("is_superuser", true).build());
		assertThat(this.mvc.get().uri("/api/reports").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatusOk();
	}

	@Test
	void reportsWhenBothPermissionsHeldThen200() {
		assertThat(this.mvc.get()
			.uri("/api/reports")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.access("reports:read", "reports:export")))
			.hasStatusOk();
	}

}
