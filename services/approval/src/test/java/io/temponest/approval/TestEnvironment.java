package io.temponest.approval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TcpProxy;
import io.temponest.testsupport.TestTokens;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What the service's tests run against besides PostgreSQL and Redis: the test token key
 * (instead of the auth service's JWKS), a WireMock auth service, a Temporal test server
 * (port-bound, time skipping locked: real time) behind a TCP proxy with a worker running
 * the {@link RecordingWorkflow}, and a clock the tests move.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {

	/** Every approval permission. */
	public static final List<String> ALL_PERMISSIONS = List.of("workflows:create", "approvals:read",
			"approvals:approve");

	/** Task queue of the recording workflow. */
	public static final String TASK_QUEUE = "approval-tests";

	/** The secret of the approval service's client in tests. */
	public static final String SERVICE_CLIENT_SECRET = "test-only-approval-client-secret-0123456789";

	private static final WireMockServer AUTH = startAuth();

	private static final int TEMPORAL_PORT = freePort();

	private static final TestServer.PortBoundTestServer TEMPORAL = TestServer.createPortBoundServer(TEMPORAL_PORT,
			true);

	private static final TcpProxy TEMPORAL_PROXY = TcpProxy.start("127.0.0.1", TEMPORAL_PORT);

	private static final WorkflowClient DIRECT = startWorker();

	/**
	 * The WireMock auth service of this JVM.
	 * @return the server
	 */
	public static WireMockServer auth() {
		return AUTH;
	}

	/**
	 * The proxy between the service and the Temporal test server.
	 * @return the proxy
	 */
	public static TcpProxy temporalProxy() {
		return TEMPORAL_PROXY;
	}

	/**
	 * A client connected to the Temporal test server directly (never cut).
	 * @return the client
	 */
	public static WorkflowClient temporal() {
		return DIRECT;
	}

	/**
	 * Start a recording workflow.
	 * @return its workflow id and run id
	 */
	public static RecordingWorkflow.Started startRecordingWorkflow() {
		return RecordingWorkflow.start(DIRECT, TASK_QUEUE, "approval-test-" + UUID.randomUUID());
	}

	@Bean
	JWKSource<SecurityContext> testJwkSource() {
		return TestTokens.jwkSource();
	}

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

	@Bean
	static DynamicPropertyRegistrar approvalTestProperties() {
		return (registry) -> {
			registry.add("platform.security.auth-service-url", AUTH::baseUrl);
			registry.add("platform.security.service-client.client-secret", () -> SERVICE_CLIENT_SECRET);
			registry.add("temponest.approval.signals.temporal-address", () -> "127.0.0.1:" + TEMPORAL_PROXY.port());
		};
	}

	private static WorkflowClient startWorker() {
		WorkflowServiceStubs stubs = WorkflowServiceStubs
			.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + TEMPORAL_PORT).build());
		WorkflowClient client = WorkflowClient.newInstance(stubs);
		WorkerFactory factory = WorkerFactory.newInstance(client);
		factory.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(RecordingWorkflow.Impl.class);
		factory.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			factory.shutdownNow();
			stubs.shutdownNow();
			TEMPORAL_PROXY.close();
			TEMPORAL.close();
		}));
		return client;
	}

	private static WireMockServer startAuth() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
