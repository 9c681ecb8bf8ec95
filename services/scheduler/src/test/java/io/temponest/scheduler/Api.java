package io.temponest.scheduler;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.temponest.testsupport.TestTokens;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Requests as a caller of one tenant: a signed access token with the given permissions,
 * and a client address of its own so that rate limits of one test do not reach another.
 */
public final class Api {

	/** Every scheduler permission. */
	public static final List<String> ALL = List.of("schedules:read", "schedules:write", "schedules:execute");

	private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

	private final UUID tenantId;

	private final UUID userId;

	private final String token;

	private final String address;

	private Api(UUID tenantId, UUID userId, List<String> permissions) {
		this.tenantId = tenantId;
		this.userId = userId;
		this.token = TestTokens.sign(TestTokens.accessClaims(userId, tenantId, permissions).build());
		int n = ADDRESSES.getAndIncrement();
		this.address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
	}

	/**
	 * A caller of a new tenant with every scheduler permission.
	 * @return the caller
	 */
	public static Api newTenant() {
		return new Api(UUID.randomUUID(), UUID.randomUUID(), ALL);
	}

	/**
	 * Another user of this caller's tenant.
	 * @param permissions the user's permissions
	 * @return the caller
	 */
	public Api colleague(String... permissions) {
		return new Api(this.tenantId, UUID.randomUUID(), List.of(permissions));
	}

	/**
	 * The tenant.
	 * @return the tenant id
	 */
	public UUID tenantId() {
		return this.tenantId;
	}

	/**
	 * The user.
	 * @return the user id
	 */
	public UUID userId() {
		return this.userId;
	}

	/**
	 * An authenticated GET.
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder get(String path, Object... variables) {
		return sign(MockMvcRequestBuilders.get(path, variables));
	}

	/**
	 * An authenticated JSON POST.
	 * @param json the body
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder post(String json, String path, Object... variables) {
		return sign(MockMvcRequestBuilders.post(path, variables)).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	/**
	 * An authenticated JSON PATCH.
	 * @param json the body
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder patch(String json, String path, Object... variables) {
		return sign(MockMvcRequestBuilders.patch(path, variables)).contentType(MediaType.APPLICATION_JSON)
			.content(json);
	}

	/**
	 * An authenticated DELETE.
	 * @param path the path
	 * @param variables path variables
	 * @return the request
	 */
	public MockHttpServletRequestBuilder delete(String path, Object... variables) {
		return sign(MockMvcRequestBuilders.delete(path, variables));
	}

	/**
	 * Perform a request and return its JSON body.
	 * @param mvc the MockMvc
	 * @param request the request
	 * @param status the expected status
	 * @return the body
	 * @throws Exception on failure
	 */
	public static tools.jackson.databind.JsonNode json(MockMvc mvc, MockHttpServletRequestBuilder request, int status)
			throws Exception {
		String body = mvc.perform(request)
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is(status))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return tools.jackson.databind.json.JsonMapper.shared().readTree(body.isEmpty() ? "null" : body);
	}

	private MockHttpServletRequestBuilder sign(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", "Bearer " + this.token).with((r) -> {
			r.setRemoteAddr(this.address);
			return r;
		});
	}

}
