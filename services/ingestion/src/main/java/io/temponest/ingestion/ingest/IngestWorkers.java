package io.temponest.ingestion.ingest;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's workers: every poll interval, as many queued document versions as there
 * are free workers are claimed and processed, each on its own virtual thread. On shutdown
 * no new work is claimed and the running documents are given time to finish; one that
 * does not is claimed again by another instance when its lease runs out.
 */
@Component
class IngestWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IngestWorkers.class);

	private final IngestQueue queue;

	private final DocumentProcessor processor;

	private final Semaphore free;

	private final String owner;

	private final TenantTransactions transactions;

	private volatile @Nullable ExecutorService executor;

	IngestWorkers(IngestQueue queue, DocumentProcessor processor, TenantTransactions transactions,
			IngestProperties properties) {
		this.queue = queue;
		this.processor = processor;
		this.transactions = transactions;
		this.free = new Semaphore(Math.max(1, properties.workers()));
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
	}

	@Scheduled(fixedDelayString = "${temponest.ingestion.poll-interval:1s}")
	void poll() {
		ExecutorService workers = this.executor;
		if (workers == null) {
			return;
		}
		int slots = this.free.availablePermits();
		if (slots == 0 || !this.free.tryAcquire(slots)) {
			return;
		}
		List<ClaimedJob> jobs;
		try {
			jobs = this.queue.claim(this.owner, slots);
		}
		catch (DataAccessException ex) {
			this.free.release(slots);
			log.debug("Could not claim ingestion work: {}", ex.getMessage());
			return;
		}
		this.free.release(slots - jobs.size());
		for (ClaimedJob job : jobs) {
			try {
				workers.execute(() -> {
					try {
						this.processor.process(job);
					}
					finally {
						this.free.release();
					}
				});
			}
			catch (RejectedExecutionException ex) {
				this.free.release();
				this.transactions.run(job.tenantId(), () -> this.queue.release(job));
			}
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor == null) {
			this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ingest-worker-", 0).factory());
		}
	}

	@Override
	public synchronized void stop() {
		ExecutorService workers = this.executor;
		this.executor = null;
		if (workers == null) {
			return;
		}
		workers.shutdown();
		try {
			if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
				log.info("Documents still processing at shutdown are claimed again when their lease runs out");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
