package io.temponest.testsupport;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * One client of a service under MockMvc: a client address of its own (so that the
 * rate-limit buckets of different tests never meet) and, optionally, a bearer token,
 * either given or signed with the test key for a tenant's user with chosen permissions.
 * Its requests run on {@code MockMvc} or {@code MockMvcTester} alike.
 */
public final class ApiCaller {

	private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

	private final String address;

	private final @Nullable String token;

	private final @Nullable UUID tenantId;

	private final @Nullable UUID userId;

	private ApiCaller(String address, @Nullable String token, @Nullable UUID tenantId, @Nullable UUID userId) {
		this.address = address;
		this.token = token;
		this.tenantId = tenantId;
		this.userId = userId;
	}

	/**
	 * A caller without credentials, from a new address.
	 * @return the caller
	 */
	public static ApiCaller anonymous() {
		return new ApiCaller(nextAddress(), null, null, null);
	}

	/**
	 * A user of a new tenant with a signed access token, from a new address.
	 * @param permissions the user's permissions
	 * @return the caller
	 */
	public static ApiCaller newTenant(List<String> permissions) {
		return signed(UUID.randomUUID(), UUID.randomUUID(), permissions);
	}

	/**
	 * A new user of a given tenant with a signed access token, from a new address: for
	 * tenants the service under test knows by configuration.
	 * @param tenantId the tenant
	 * @param permissions the user's permissions
	 * @return the caller
	 */
	public static ApiCaller ofTenant(UUID tenantId, List<String> permissions) {
		return signed(tenantId, UUID.randomUUID(), permissions);
	}

	/**
	 * Another user of this caller's tenant, from a new address.
	 * @param permissions the user's permissions
	 * @return the caller
	 */
	public ApiCaller colleague(String... permissions) {
		return signed(tenantId(), UUID.randomUUID(), List.of(permissions));
	}

	/**
	 * This client (same address) presenting another bearer token.
	 * @param bearer the token for {@code Authorization: Bearer}, or {@code null} for none
	 * @return the caller
	 */
	public ApiCaller bearer(@Nullable String bearer) {
		return new ApiCaller(this.address, bearer, null, null);
	}

	/**
	 * The tenant of a signed caller.
	 * @return the tenant id
	 */
	public UUID tenantId() {
		if (this.tenantId == null) {
			throw new IllegalStateException("Not a signed caller of a tenant");
		}
		return this.tenantId;
	}

	/**
	 * The user of a signed caller.
	 * @return the user id
	 */
	public UUID userId() {
		if (this.userId == null) {
			throw new IllegalStateException("Not a signed caller of a tenant");
		}
		return this.userId;
	}

	/**
	 * The client address of every request.
	 * @return the address
	 */
	public String address() {
		return this.address;
	}

	/**
	 * A GET.
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder get(String path, Object... variables) {
		return from(MockMvcRequestBuilders.get(path, variables));
	}

	/**
	 * A POST with a JSON body.
	 * @param json the body
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder post(String json, String path, Object... variables) {
		return withJson(MockMvcRequestBuilders.post(path, variables), json);
	}

	/**
	 * A PUT with a JSON body.
	 * @param json the body
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder put(String json, String path, Object... variables) {
		return withJson(MockMvcRequestBuilders.put(path, variables), json);
	}

	/**
	 * A PATCH with a JSON body.
	 * @param json the body
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder patch(String json, String path, Object... variables) {
		return withJson(MockMvcRequestBuilders.patch(path, variables), json);
	}

	/**
	 * A DELETE.
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder delete(String path, Object... variables) {
		return from(MockMvcRequestBuilders.delete(path, variables));
	}

	/**
	 * A request of any method without a body.
	 * @param method the method
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder request(HttpMethod method, String path, Object... variables) {
		return from(MockMvcRequestBuilders.request(method, path, variables));
	}

	/**
	 * A prepared request sent by this caller: its address and, if it has one, its token.
	 * @param <B> the builder type
	 * @param request the request
	 * @return the same request
	 */
	public <B extends AbstractMockHttpServletRequestBuilder<B>> B from(B request) {
		request.with((servletRequest) -> {
			servletRequest.setRemoteAddr(this.address);
			return servletRequest;
		});
		if (this.token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token);
		}
		return request;
	}

	/**
	 * Perform a request on MockMvc, expect a status and parse the body.
	 * @param mvc the MockMvc
	 * @param request the request
	 * @param status the expected status
	 * @return the body ({@code null} node when empty)
	 * @throws Exception on failure
	 */
	public static JsonNode json(MockMvc mvc, RequestBuilder request, int status) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		String body = response.getContentAsString();
		if (response.getStatus() != status) {
			throw new AssertionError("Expected status " + status + " but was " + response.getStatus() + ": " + body);
		}
		return JsonMapper.shared().readTree(body.isEmpty() ? "null" : body);
	}

	/**
	 * Parse a response body.
	 * @param result the result
	 * @return the JSON
	 */
	public static JsonNode json(MvcTestResult result) {
		return JsonMapper.shared().readTree(body(result));
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
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private MockHttpServletRequestBuilder withJson(MockHttpServletRequestBuilder request, String json) {
		return from(request).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	private static ApiCaller signed(UUID tenantId, UUID userId, List<String> permissions) {
		String token = TestTokens.sign(TestTokens.accessClaims(userId, tenantId, permissions).build());
		return new ApiCaller(nextAddress(), token, tenantId, userId);
	}

	private static String nextAddress() {
		int n = ADDRESSES.getAndIncrement();
		return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
	}

}
