package io.temponest.workers.temporal;

import java.util.concurrent.TimeUnit;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temponest.workers.pipeline.PipelineActivities;
import io.temponest.workers.pipeline.ProjectPipelineWorkflowImpl;
import io.temponest.workers.pipeline.SimpleTaskWorkflowImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the worker of the task queue (2 workflow types, the activities) once the context
 * is ready, and stops it gracefully before the beans it uses go: running activities may
 * finish for up to 20 s; a workflow task cut short is simply retried by another worker.
 */
public final class WorkerLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

	private final WorkerFactory factory;

	private final TemporalProperties properties;

	private final PipelineActivities activities;

	private volatile boolean running;

	WorkerLifecycle(WorkerFactory factory, TemporalProperties properties, PipelineActivities activities) {
		this.factory = factory;
		this.properties = properties;
		this.activities = activities;
	}

	@Override
	public void start() {
		if (!this.properties.workerEnabled()) {
			log.info("The Temporal worker is off (temponest.workers.temporal.worker-enabled=false)");
			return;
		}
		Worker worker = this.factory.newWorker(this.properties.taskQueue());
		worker.registerWorkflowImplementationTypes(ProjectPipelineWorkflowImpl.class, SimpleTaskWorkflowImpl.class);
		worker.registerActivitiesImplementations(this.activities);
		this.factory.start();
		this.running = true;
		log.info("Temporal worker polls task queue {} in namespace {} at {}", this.properties.taskQueue(),
				this.properties.namespace(), this.properties.address());
	}

	@Override
	public void stop() {
		if (this.running) {
			this.factory.shutdown();
			this.factory.awaitTermination(20, TimeUnit.SECONDS);
			this.running = false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether the worker polls.
	 * @return whether it was started and not stopped
	 */
	public boolean polling() {
		return this.running && this.factory.isStarted() && !this.factory.isShutdown();
	}

}
