package io.temponest.auth;

import io.temponest.testsupport.ApiCaller;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Signs a user in through {@code POST /auth/login}, as a given caller. */
public final class SignIn {

	private SignIn() {
	}

	/**
	 * Sign in and return the token response.
	 * @param mvc the tester
	 * @param caller the client that signs in
	 * @param email the email
	 * @param password the password
	 * @return the response body
	 */
	public static JsonNode tokens(MockMvcTester mvc, ApiCaller caller, String email, String password) {
		MvcTestResult result = mvc
			.perform(caller.post("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", "/auth/login"));
		if (result.getResponse().getStatus() != 200) {
			throw new IllegalStateException(
					"Login failed: " + result.getResponse().getStatus() + " " + ApiCaller.body(result));
		}
		return ApiCaller.json(result);
	}

	/**
	 * Sign in and return the access token.
	 * @param mvc the tester
	 * @param caller the client that signs in
	 * @param email the email
	 * @param password the password
	 * @return the access token
	 */
	public static String accessToken(MockMvcTester mvc, ApiCaller caller, String email, String password) {
		return tokens(mvc, caller, email, password).get("access_token").asString();
	}

}
