package io.temponest.workers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.testsupport.TestTokens;
import io.temponest.workers.temporal.PayloadJson;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * What the service's tests run against besides PostgreSQL and Redis: the test token key,
 * an in-process Temporal test server, and WireMock servers speaking the agents API (the
 * overseer plans one developer task of medium risk; agents complete), the approval API
 * (the approval id is the request's idempotency key) and the auth service's token
 * exchange. Tests add stubs of higher priority; nobody resets these servers, since
 * pipelines of earlier tests may still call them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every workflow permission. */
	public static final List<String> ALL_PERMISSIONS = List.of("workflows:read", "workflows:create",
			"workflows:delete");

	/** What a developer holds. */
	public static final List<String> DEVELOPER = List.of("workflows:read", "workflows:create");

	/** The secret of the workers' service client in tests. */
	public static final String SERVICE_CLIENT_SECRET = "test-only-workers-client-secret-0123456789";

	/** The token the WireMock auth service gives for any user. */
	public static final String EXCHANGED_TOKEN = "exchanged-test-token";

	/** The overseer's default plan: one developer task of medium risk. */
	public static final String PLAN = """
			{"task_id": "plan-1", "status": "completed", "result": {"plan": [
			  {"task": "Implement API endpoint", "agent": "developer"}]}, "citations": []}
			""";

	private static final WireMockServer AGENTS = startAgents();

	private static final WireMockServer APPROVAL = startApproval();

	private static final WireMockServer AUTH = startAuth();

	/**
	 * The WireMock agents service.
	 * @return the server
	 */
	public static WireMockServer agents() {
		return AGENTS;
	}

	/**
	 * The WireMock approval service.
	 * @return the server
	 */
	public static WireMockServer approval() {
		return APPROVAL;
	}

	/**
	 * The WireMock auth service.
	 * @return the server
	 */
	public static WireMockServer auth() {
		return AUTH;
	}

	@Bean
	JWKSource<SecurityContext> testJwkSource() {
		return TestTokens.jwkSource();
	}

	/**
	 * The token exchange against the WireMock auth service. Given here because this
	 * context runs a real server (the OpenAPI harness needs one): the server and its
	 * filter chain are created in {@code onRefresh}, before dynamic properties apply, and
	 * the platform's security properties (the auth service's URL) are bound with them.
	 */
	@Bean
	ServiceTokenClient testServiceTokenClient() {
		return new ServiceTokenClient(RestClient.create(AUTH.baseUrl()), "workers", SERVICE_CLIENT_SECRET,
				List.of("agents:execute", "workflows:create"), Duration.ofSeconds(30), 100, Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	TestWorkflowEnvironment testWorkflowEnvironment(Scope temporalMetricsScope) {
		return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
			.setMetricsScope(temporalMetricsScope)
			.setUseTimeskipping(false)
			.setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
				.setNamespace("default")
				.setDataConverter(PayloadJson.converter())
				.build())
			.build());
	}

	@Bean(destroyMethod = "")
	WorkflowServiceStubs testWorkflowServiceStubs(TestWorkflowEnvironment environment) {
		return environment.getWorkflowServiceStubs();
	}

	@Bean
	static DynamicPropertyRegistrar workersServiceProperties() {
		return (registry) -> {
			registry.add("temponest.workers.calls.agents-url", AGENTS::baseUrl);
			registry.add("temponest.workers.calls.approval-url", APPROVAL::baseUrl);
			registry.add("platform.security.service-client.client-secret", () -> SERVICE_CLIENT_SECRET);
		};
	}

	private static WireMockServer startAgents() {
		WireMockServer server = startServer();
		server.stubFor(post(urlEqualTo("/overseer/run")).atPriority(10).willReturn(okJson(PLAN)));
		server.stubFor(post(urlPathMatching("/[a-z-]+/run")).atPriority(20)
			.willReturn(okJson("{\"task_id\": \"run-1\", \"status\": \"completed\", "
					+ "\"result\": {\"summary\": \"done\"}, \"citations\": []}")));
		return server;
	}

	private static WireMockServer startApproval() {
		WireMockServer server = startServer();
		server.stubFor(post(urlEqualTo("/api/approvals")).atPriority(10)
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"approval_id\": \"{{jsonPath request.body '$.idempotency_key'}}\", \"status\": \"pending\"}")
				.withTransformers("response-template")));
		return server;
	}

	private static WireMockServer startAuth() {
		WireMockServer server = startServer();
		server.stubFor(post(urlEqualTo(ServiceTokenClient.EXCHANGE_PATH)).atPriority(10)
			.willReturn(okJson("{\"access_token\": \"" + EXCHANGED_TOKEN
					+ "\", \"issued_token_type\": \"urn:ietf:params:oauth:token-type:access_token\", "
					+ "\"token_type\": \"Bearer\", \"expires_in\": 300}")));
		return server;
	}

	private static WireMockServer startServer() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
