package io.temponest.workers.temporal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temponest.workers.pipeline.PipelineActivities;
import io.temponest.workers.pipeline.ProjectPipelineWorkflowImpl;
import io.temponest.workers.pipeline.SimpleTaskWorkflowImpl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the worker of the task queue (2 workflow types, the activities) once the context
 * is ready and stops it gracefully before the beans it uses go: running activities may
 * finish for up to 20 s; a workflow task cut short is retried by another worker. While
 * Temporal does not answer, the service runs (its health says so) and the worker retries
 * to start, 1 s after the first failure, doubling up to 30 s.
 */
public final class WorkerLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private static final Duration MAX_RETRY = Duration.ofSeconds(30);

	private final WorkerFactory factory;

	private final TemporalProperties properties;

	private final PipelineActivities activities;

	private @Nullable ScheduledExecutorService retries;

	private volatile boolean running;

	private boolean registered;

	WorkerLifecycle(WorkerFactory factory, TemporalProperties properties, PipelineActivities activities) {
		this.factory = factory;
		this.properties = properties;
		this.activities = activities;
	}

	@Override
	public synchronized void start() {
		if (!this.properties.workerEnabled()) {
			log.info("The Temporal worker is off (temponest.workers.temporal.worker-enabled=false)");
			return;
		}
		if (this.running) {
			return;
		}
		if (!this.registered) {
			Worker worker = this.factory.newWorker(this.properties.taskQueue());
			worker.registerWorkflowImplementationTypes(ProjectPipelineWorkflowImpl.class, SimpleTaskWorkflowImpl.class);
			worker.registerActivitiesImplementations(this.activities);
			this.registered = true;
		}
		this.running = true;
		this.retries = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("temporal-worker-start")::unstarted);
		attempt(FIRST_RETRY);
	}

	private void attempt(Duration nextDelay) {
		try {
			this.factory.start();
			log.info("Temporal worker polls task queue {} in namespace {} at {}", this.properties.taskQueue(),
					this.properties.namespace(), this.properties.address());
		}
		catch (RuntimeException ex) {
			log.warn("Temporal at {} does not answer ({}); the worker tries again in {} s", this.properties.address(),
					ex.getMessage(), nextDelay.toSeconds());
			ScheduledExecutorService executor = this.retries;
			if (executor != null && !executor.isShutdown()) {
				Duration after = (nextDelay.compareTo(MAX_RETRY.dividedBy(2)) > 0) ? MAX_RETRY
						: nextDelay.multipliedBy(2);
				executor.schedule(() -> retry(after), nextDelay.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private synchronized void retry(Duration nextDelay) {
		if (this.running && !this.factory.isStarted()) {
			attempt(nextDelay);
		}
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		if (this.retries != null) {
			this.retries.shutdownNow();
		}
		if (this.factory.isStarted()) {
			this.factory.shutdown();
			this.factory.awaitTermination(20, TimeUnit.SECONDS);
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
