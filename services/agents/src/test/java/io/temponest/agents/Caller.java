package io.temponest.agents;

import java.util.List;
import java.util.UUID;

import io.temponest.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A user of one tenant calling the service through MockMvc with a signed access token;
 * each caller is a new principal, so rate-limit buckets of different tests never meet.
 *
 * @param mvc the tester
 * @param tenantId the tenant
 * @param userId the user
 * @param token the access token
 */
public record Caller(MockMvcTester mvc, UUID tenantId, UUID userId, String token) {

	/** Every permission the agents service checks. */
	public static final List<String> ALL = List.of("agents:read", "agents:execute", "costs:read");

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * A user of a new tenant with every agents permission.
	 * @param mvc the tester
	 * @return the caller
	 */
	public static Caller newTenant(MockMvcTester mvc) {
		return of(mvc, UUID.randomUUID(), ALL);
	}

	/**
	 * Another user of this caller's tenant.
	 * @param permissions the user's permissions
	 * @return the caller
	 */
	public Caller colleague(String... permissions) {
		return of(this.mvc, this.tenantId, List.of(permissions));
	}

	private static Caller of(MockMvcTester mvc, UUID tenantId, List<String> permissions) {
		UUID userId = UUID.randomUUID();
		return new Caller(mvc, tenantId, userId,
				TestTokens.sign(TestTokens.accessClaims(userId, tenantId, permissions).build()));
	}

	/**
	 * POST a JSON body.
	 * @param path the path
	 * @param json the body
	 * @return the result
	 */
	public MvcTestResult post(String path, String json) {
		return this.mvc.post()
			.uri(path)
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	/**
	 * PATCH a JSON body.
	 * @param path the path
	 * @param json the body
	 * @return the result
	 */
	public MvcTestResult patch(String path, String json) {
		return this.mvc.patch()
			.uri(path)
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	/**
	 * GET a path.
	 * @param path the path (with its query)
	 * @return the result
	 */
	public MvcTestResult get(String path) {
		return this.mvc.get().uri(path).header("Authorization", "Bearer " + this.token).exchange();
	}

	/**
	 * DELETE a path.
	 * @param path the path
	 * @return the result
	 */
	public MvcTestResult delete(String path) {
		return this.mvc.delete().uri(path).header("Authorization", "Bearer " + this.token).exchange();
	}

	/**
	 * The JSON body of a result.
	 * @param result the result
	 * @return the body
	 */
	public static JsonNode json(MvcTestResult result) {
		String body = new String(result.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
		return JSON.readTree(body.isEmpty() ? "null" : body);
	}

}
