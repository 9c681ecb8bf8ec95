package io.temponest.approval.page;

import java.util.List;
import java.util.UUID;

import io.temponest.approval.TestEnvironment;
import io.temponest.testsupport.TestTokens;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A person who signs in through the WireMock auth service: {@code POST /auth/login} with
 * their email answers a real access token signed with the test key.
 *
 * @param email the email
 * @param password the password
 * @param userId the user
 * @param tenantId the tenant
 * @param token the access token the auth service issues
 */
record SignIn(String email, String password, UUID userId, UUID tenantId, String token) {

	static SignIn person(UUID tenantId, List<String> permissions) {
		UUID userId = UUID.randomUUID();
		String email = "person-" + userId + "@example.com";
		String token = TestTokens.sign(TestTokens.accessClaims(userId, tenantId, permissions).build());
		SignIn person = new SignIn(email, "Correct-Horse-42", userId, tenantId, token);
		TestEnvironment.auth()
			.stubFor(post(urlEqualTo("/auth/login")).withRequestBody(matchingJsonPath("$.email", equalTo(email)))
				.withRequestBody(matchingJsonPath("$.password", equalTo(person.password())))
				.willReturn(okJson("""
						{"access_token": "%s", "refresh_token": "r", "token_type": "bearer", "expires_in": 3600,
						 "user_id": "%s", "tenant_id": "%s"}""".formatted(token, userId, tenantId))));
		return person;
	}

}
