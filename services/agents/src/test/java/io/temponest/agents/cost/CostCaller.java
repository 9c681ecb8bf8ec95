package io.temponest.agents.cost;

import java.util.List;
import java.util.UUID;

import io.temponest.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests to the cost API as a user of one tenant, with a signed access token. */
final class CostCaller {

	static final List<String> READ = List.of("costs:read");

	static final List<String> ADMIN = List.of("costs:read", "tenants:manage");

	private final MockMvcTester mvc;

	private final UUID tenantId;

	private final UUID userId;

	private final String token;

	private CostCaller(MockMvcTester mvc, UUID tenantId, List<String> permissions) {
		this.mvc = mvc;
		this.tenantId = tenantId;
		this.userId = UUID.randomUUID();
		this.token = TestTokens.sign(TestTokens.accessClaims(this.userId, tenantId, permissions).build());
	}

	static CostCaller newTenant(MockMvcTester mvc) {
		return new CostCaller(mvc, UUID.randomUUID(), ADMIN);
	}

	CostCaller colleague(List<String> permissions) {
		return new CostCaller(this.mvc, this.tenantId, permissions);
	}

	UUID tenantId() {
		return this.tenantId;
	}

	UUID userId() {
		return this.userId;
	}

	MvcTestResult get(String uri, Object... variables) {
		return this.mvc.get().uri(uri, variables).header("Authorization", "Bearer " + this.token).exchange();
	}

	MvcTestResult post(String uri, String json) {
		return this.mvc.post()
			.uri(uri)
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	/** The JSON body of a GET that must answer 200. */
	JsonNode json(String uri, Object... variables) {
		return body(get(uri, variables), 200);
	}

	static JsonNode body(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray());
	}

}
