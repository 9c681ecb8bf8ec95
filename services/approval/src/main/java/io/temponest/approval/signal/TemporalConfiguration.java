package io.temponest.approval.signal;

import java.time.Duration;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Temporal client. Its connection is lazy, so the service starts and stays healthy
 * while Temporal is away; calls fail fast (two attempts within the RPC timeout) and the
 * dispatcher retries them with its own back-off.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

	@Bean(destroyMethod = "shutdownNow")
	WorkflowServiceStubs workflowServiceStubs(SignalProperties properties) {
		return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
			.setTarget(properties.temporalAddress())
			.setRpcTimeout(properties.rpcTimeout())
			.setRpcRetryOptions(RpcRetryOptions.newBuilder()
				.setInitialInterval(Duration.ofMillis(100))
				.setMaximumInterval(Duration.ofSeconds(1))
				.setMaximumAttempts(2)
				.setExpiration(properties.rpcTimeout())
				.build())
			// signals are short calls: no keep-alive pings between them (a dead
			// connection
			// fails the next call, which the dispatcher retries); pings on an idle
			// connection get it closed by servers that allow few, such as the workers'
			// development test server (GOAWAY too_many_pings)
			.setKeepAlivePermitWithoutStream(false)
			.build());
	}

	@Bean
	WorkflowClient workflowClient(WorkflowServiceStubs stubs, SignalProperties properties) {
		return WorkflowClient.newInstance(stubs,
				WorkflowClientOptions.newBuilder().setNamespace(properties.namespace()).build());
	}

}
