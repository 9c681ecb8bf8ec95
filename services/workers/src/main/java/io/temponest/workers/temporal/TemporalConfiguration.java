package io.temponest.workers.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temponest.workers.pipeline.PipelineActivities;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal beans: service stubs (connected lazily: the service starts while Temporal is
 * down, and its health says so), the client with the snake_case payload converter, and
 * the worker of the task queue. The SDK's client and worker metrics go to Micrometer.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

	@Bean
	@ConditionalOnBooleanProperty("temponest.workers.temporal.dev-server")
	DevTemporalServer devTemporalServer(TemporalProperties properties) {
		return new DevTemporalServer(properties);
	}

	@Bean(destroyMethod = "close")
	Scope temporalMetricsScope(MeterRegistry registry) {
		return new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
			.reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean
	WorkflowServiceStubs workflowServiceStubs(TemporalProperties properties, Scope temporalMetricsScope,
			ObjectProvider<DevTemporalServer> devServer) {
		// the development server, when configured, binds its port first
		DevTemporalServer server = devServer.getIfAvailable();
		boolean inProcess = server != null && server.started();
		return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
			.setTarget(properties.address())
			.setMetricsScope(temporalMetricsScope)
			// the in-process test server permits a keep-alive ping every 5 minutes
			// (gRPC's
			// default) and answers the client's every 30 s with GOAWAY (too_many_pings),
			// failing every poll in flight; a real Temporal server permits them
			.setEnableKeepAlive(!inProcess)
			.build());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalProperties properties) {
		return WorkflowClient.newInstance(stubs,
				WorkflowClientOptions.newBuilder()
					.setNamespace(properties.namespace())
					.setDataConverter(PayloadJson.converter())
					.build());
	}

	@Bean(destroyMethod = "")
	WorkerFactory workerFactory(WorkflowClient client) {
		return WorkerFactory.newInstance(client);
	}

	@Bean
	WorkerLifecycle workerLifecycle(WorkerFactory factory, TemporalProperties properties,
			PipelineActivities activities) {
		return new WorkerLifecycle(factory, properties, activities);
	}

	@Bean
	TemporalHealthIndicator temporalHealthIndicator(WorkflowServiceStubs stubs, TemporalProperties properties,
			WorkerLifecycle worker) {
		return new TemporalHealthIndicator(stubs, properties, worker);
	}

}
