package io.temponest.scheduler;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** Answers of the WireMock agents service that the scheduler's tests set up. */
public final class AgentStubs {

	/** A completed run, as the agents service answers it. */
	public static final String COMPLETED = """
			{"task_id": "agent-task-1", "status": "completed", "result": {"summary": "done", "files": ["a.py"]},
			 "citations": [], "tokens_used": 2500, "latency_ms": 12, "model_info": {"model": "m"},
			 "cost_info": {"total_cost_usd": 0.075}, "error": null}
			""";

	private AgentStubs() {
	}

	/**
	 * Reset the server and answer every run with a completed result.
	 * @return the server
	 */
	public static WireMockServer completing() {
		WireMockServer agents = TestEnvironment.agents();
		agents.resetAll();
		agents.stubFor(post(urlPathMatching("/[a-z0-9_-]+/run")).willReturn(okJson(COMPLETED)));
		return agents;
	}

	/**
	 * Reset the server and answer every run with an HTTP status.
	 * @param status the status
	 * @return the server
	 */
	public static WireMockServer failing(int status) {
		WireMockServer agents = TestEnvironment.agents();
		agents.resetAll();
		agents.stubFor(post(urlPathMatching("/[a-z0-9_-]+/run"))
			.willReturn(aResponse().withStatus(status).withBody("{\"detail\": \"agent trouble\"}")));
		return agents;
	}

	/**
	 * Runs the agents service received for a tenant (other tests' schedules may run in
	 * the same polls).
	 * @param tenantId the tenant
	 * @return how many runs were requested
	 */
	public static int runsRequested(java.util.UUID tenantId) {
		return TestEnvironment.agents()
			.countRequestsMatching(WireMock.postRequestedFor(urlPathMatching("/[a-z0-9_-]+/run"))
				.withHeader("X-Tenant-ID", WireMock.equalTo(tenantId.toString()))
				.build())
			.getCount();
	}

}
