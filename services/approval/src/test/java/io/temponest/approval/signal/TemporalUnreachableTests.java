package io.temponest.approval.signal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Without a Temporal server the client is still created (the connection is lazy), the
 * probe says UNKNOWN rather than DOWN, and a signal fails with an exception the
 * dispatcher retries instead of hanging.
 */
class TemporalUnreachableTests {

	@Test
	void clientWhenTemporalIsAbsentThenCreatedAndCallsFailRetryably() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		SignalProperties properties = new SignalProperties("127.0.0.1:" + port, "default", Duration.ofSeconds(1), 10,
				Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(2));
		TemporalConfiguration configuration = new TemporalConfiguration();
		WorkflowServiceStubs stubs = configuration.workflowServiceStubs(properties);
		try {
			assertThat(stubs.getOptions().getKeepAlivePermitWithoutStream()).as("no pings between calls").isFalse();
			WorkflowClient client = configuration.workflowClient(stubs, properties);
			TemporalProbe probe = new TemporalProbe(stubs, properties);
			assertThat(probe.health().getStatus().getCode()).isEqualTo("UNKNOWN");
			assertThat(probe.health().getDetails()).containsEntry("address", "127.0.0.1:" + port);
			TemporalSignals signals = new TemporalSignals(client);
			assertThatRuntimeException().isThrownBy(() -> signals.send("wf", "run", Map.of("approval_id", "a")));
		}
		finally {
			stubs.shutdownNow();
		}
	}

}
