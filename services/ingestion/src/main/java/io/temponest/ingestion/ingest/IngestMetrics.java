package io.temponest.ingestion.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ingestion metrics: queue depth and documents by status (of every tenant, refreshed
 * every 15 s), chunks embedded, documents processed by outcome and how long each took.
 */
@Component
class IngestMetrics {

	private static final Logger log = LoggerFactory.getLogger(IngestMetrics.class);

	/** How a processed document ended. */
	enum Outcome {

		READY, FAILED, RETRY;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The statuses of the document_status type. */
	private static final String[] STATUSES = { "queued", "processing", "ready", "failed" };

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Counter chunks;

	private final Map<Outcome, Counter> processed = new EnumMap<>(Outcome.class);

	private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);

	private final AtomicLong queueDepth = new AtomicLong();

	private final Map<String, AtomicLong> documents = new HashMap<>();

	IngestMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.chunks = Counter.builder("temponest.ingestion.chunks.embedded")
			.description("Chunks embedded and stored")
			.register(registry);
		for (Outcome outcome : Outcome.values()) {
			this.processed.put(outcome,
					Counter.builder("temponest.ingestion.documents.processed")
						.description("Document versions processed, by outcome")
						.tag("outcome", outcome.tag())
						.register(registry));
			this.durations.put(outcome,
					Timer.builder("temponest.ingestion.document.duration")
						.description("Time to parse, chunk, embed and store one document version")
						.tag("outcome", outcome.tag())
						.publishPercentileHistogram()
						.register(registry));
		}
		Gauge.builder("temponest.ingestion.queue.depth", this.queueDepth, AtomicLong::get)
			.description("Document versions waiting to be processed, every tenant")
			.register(registry);
		for (String status : STATUSES) {
			AtomicLong count = new AtomicLong();
			this.documents.put(status, count);
			Gauge.builder("temponest.ingestion.documents", count, AtomicLong::get)
				.description("Documents by status, every tenant")
				.tag("status", status)
				.register(registry);
		}
	}

	void chunksEmbedded(int count) {
		this.chunks.increment(count);
	}

	void processed(Outcome outcome, Duration took) {
		this.processed.get(outcome).increment();
		this.durations.get(outcome).record(took);
	}

	@Scheduled(fixedDelayString = "${temponest.ingestion.metrics-refresh:15s}", initialDelay = 0)
	void refresh() {
		try {
			this.queueDepth.set(this.jdbc.sql("SELECT knowledge.ingest_queue_depth(:now)")
				.param("now", Timestamp.from(this.clock.instant()))
				.query(Long.class)
				.single());
			Map<String, Long> counts = new HashMap<>();
			this.jdbc.sql("SELECT status::text AS status, documents FROM knowledge.document_status_counts()")
				.query((ResultSet rs) -> {
					counts.put(rs.getString("status"), rs.getLong("documents"));
				});
			this.documents.forEach((status, gauge) -> gauge.set(counts.getOrDefault(status, 0L)));
		}
		catch (RuntimeException ex) {
			log.debug("Could not refresh the ingestion gauges: {}", ex.getMessage());
		}
	}

}
