package io.temponest.auth;

import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Calls the service through MockMvc as one client: every instance has its own client IP,
 * so rate-limit buckets of different tests never meet.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockMvcTester mvc;

	private final String ip;

	/**
	 * A client with a random address in 10.0.0.0/8.
	 * @param mvc the tester
	 */
	public Api(MockMvcTester mvc) {
		this.mvc = mvc;
		ThreadLocalRandom random = ThreadLocalRandom.current();
		this.ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	/**
	 * POST a JSON body.
	 * @param uri the path
	 * @param json the body
	 * @param bearer a token for {@code Authorization: Bearer}, or {@code null}
	 * @return the result
	 */
	public MvcTestResult post(String uri, String json, String bearer) {
		return send(MockMvcRequestBuilders.post(uri).contentType(MediaType.APPLICATION_JSON).content(json), bearer);
	}

	/**
	 * POST a JSON body without credentials.
	 * @param uri the path
	 * @param json the body
	 * @return the result
	 */
	public MvcTestResult post(String uri, String json) {
		return post(uri, json, null);
	}

	/**
	 * Send a request of any method with an optional bearer token.
	 * @param method the method
	 * @param uri the path
	 * @param bearer a token, or {@code null}
	 * @return the result
	 */
	public MvcTestResult call(HttpMethod method, String uri, String bearer) {
		return send(MockMvcRequestBuilders.request(method, uri), bearer);
	}

	/**
	 * GET with an optional bearer token.
	 * @param uri the path
	 * @param bearer a token, or {@code null}
	 * @return the result
	 */
	public MvcTestResult get(String uri, String bearer) {
		return call(HttpMethod.GET, uri, bearer);
	}

	/**
	 * Send a prepared request from this client.
	 * @param request the request
	 * @param bearer a token, or {@code null}
	 * @return the result
	 */
	public MvcTestResult send(MockHttpServletRequestBuilder request, String bearer) {
		request.with((servletRequest) -> {
			servletRequest.setRemoteAddr(this.ip);
			return servletRequest;
		});
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.mvc.perform(request);
	}

	/**
	 * Sign in and return the token response.
	 * @param email the email
	 * @param password the password
	 * @return the response body
	 */
	public JsonNode login(String email, String password) {
		MvcTestResult result = post("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
		if (result.getResponse().getStatus() != 200) {
			throw new IllegalStateException("Login failed: " + result.getResponse().getStatus() + " " + body(result));
		}
		return json(result);
	}

	/**
	 * Sign in and return the access token.
	 * @param email the email
	 * @param password the password
	 * @return the access token
	 */
	public String accessToken(String email, String password) {
		return login(email, password).get("access_token").asString();
	}

	/**
	 * Parse a response body.
	 * @param result the result
	 * @return the JSON
	 */
	public static JsonNode json(MvcTestResult result) {
		return JSON.readTree(body(result));
	}

	/**
	 * A response body as text.
	 * @param result the result
	 * @return the body
	 */
	public static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
