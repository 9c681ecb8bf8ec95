package io.temponest.ingestion.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.temponest.ingestion.chunk.Chunker;
import io.temponest.ingestion.chunk.ChunkingPolicy;
import io.temponest.ingestion.embedding.Embedder;
import io.temponest.ingestion.embedding.EmbeddingDimensionException;
import io.temponest.ingestion.embedding.EmbeddingFailedException;
import io.temponest.ingestion.embedding.Embedders;
import io.temponest.ingestion.parse.DocumentParser;
import io.temponest.ingestion.parse.DocumentType;
import io.temponest.ingestion.parse.ParsedText;
import io.temponest.ingestion.parse.UnreadableDocumentException;
import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Processes one claimed document version: parse, chunk, embed in batches (recording
 * progress), then store every chunk and mark the document ready in one transaction. A
 * document that cannot be read fails with the reason; a passing failure (the model or the
 * database away) is retried later with back-off, up to the attempt limit.
 */
@Component
class DocumentProcessor {

	private static final Logger log = LoggerFactory.getLogger(DocumentProcessor.class);

	private final IngestQueue queue;

	private final TenantTransactions transactions;

	private final DocumentParser parser;

	private final Embedders embedders;

	private final IngestProperties properties;

	private final IngestMetrics metrics;

	private final Clock clock;

	DocumentProcessor(IngestQueue queue, TenantTransactions transactions, DocumentParser parser, Embedders embedders,
			IngestProperties properties, IngestMetrics metrics, Clock clock) {
		this.queue = queue;
		this.transactions = transactions;
		this.parser = parser;
		this.embedders = embedders;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	void process(ClaimedJob job) {
		long started = System.nanoTime();
		IngestMetrics.@Nullable Outcome outcome;
		try {
			outcome = attempt(job);
		}
		catch (UnreadableDocumentException ex) {
			outcome = fail(job, ex.reason());
		}
		catch (EmbeddingDimensionException ex) {
			outcome = fail(job, ex.getMessage());
		}
		catch (EmbeddingFailedException | DataAccessException ex) {
			outcome = retryOrFail(job, ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("Processing document {} version {} failed", job.documentId(), job.version(), ex);
			outcome = retryOrFail(job, "processing failed unexpectedly (" + ex.getClass().getSimpleName() + ")");
		}
		if (outcome != null) {
			this.metrics.processed(outcome, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	private IngestMetrics.@Nullable Outcome attempt(ClaimedJob job) throws UnreadableDocumentException {
		Optional<WorkItem> claimed = this.transactions.write(job.tenantId(), () -> this.queue.begin(job));
		if (claimed.isEmpty()) {
			return null;
		}
		WorkItem item = claimed.get();
		Optional<Embedder> model = this.embedders.find(item.collection().embedder());
		if (model.isEmpty()) {
			return fail(job, "the collection is embedded with " + item.collection().embedder()
					+ ", which this service is not configured to run");
		}
		Embedder embedder = model.get();
		Optional<DocumentType> type = DocumentType.detect(item.filename(), item.contentType(), item.content());
		if (type.isEmpty()) {
			return fail(job, "unsupported document type");
		}
		ParsedText text = this.parser.parse(type.get(), item.content());
		List<String> chunks = Chunker.chunk(text.text(),
				new ChunkingPolicy(item.collection().chunkSize(), item.collection().chunkOverlap()));
		if (chunks.isEmpty()) {
			return fail(job, "no text could be extracted");
		}
		List<float[]> vectors = new ArrayList<>(chunks.size());
		int batch = Math.max(1, this.properties.embeddingBatch());
		for (int from = 0; from < chunks.size(); from += batch) {
			vectors.addAll(embedder.embed(chunks.subList(from, Math.min(chunks.size(), from + batch))));
			int embedded = vectors.size();
			boolean ours = this.transactions.write(job.tenantId(),
					() -> this.queue.progress(job, embedded, chunks.size()));
			if (!ours) {
				log.info("Document {} version {}: the claim passed to another worker; stopping", job.documentId(),
						job.version());
				return null;
			}
		}
		boolean stored = this.transactions.write(job.tenantId(), () -> this.queue.complete(item, chunks, vectors));
		if (!stored) {
			return null;
		}
		this.metrics.chunksEmbedded(chunks.size());
		log.info("Document {} version {} ready: {} chunks", job.documentId(), job.version(), chunks.size());
		return IngestMetrics.Outcome.READY;
	}

	private IngestMetrics.Outcome fail(ClaimedJob job, String reason) {
		log.info("Document {} version {} failed: {}", job.documentId(), job.version(), reason);
		try {
			this.transactions.run(job.tenantId(), () -> this.queue.fail(job, reason));
		}
		catch (DataAccessException ex) {
			log.warn("Could not record the failure of document {}; its lease will run out and it is claimed again",
					job.documentId());
		}
		return IngestMetrics.Outcome.FAILED;
	}

	private IngestMetrics.Outcome retryOrFail(ClaimedJob job, String reason) {
		if (job.attempts() >= this.properties.maxAttempts()) {
			return fail(job, "gave up after " + job.attempts() + " attempts: " + reason);
		}
		Duration wait = this.properties.retryBackoff().multipliedBy(1L << Math.min(job.attempts() - 1, 16));
		Instant runAfter = this.clock.instant().plus(wait);
		log.warn("Document {} version {} attempt {} failed, retrying after {}: {}", job.documentId(), job.version(),
				job.attempts(), wait, reason);
		try {
			this.transactions.run(job.tenantId(), () -> this.queue.retryLater(job, reason, runAfter));
		}
		catch (DataAccessException ex) {
			log.warn("Could not record the retry of document {}; its lease will run out and it is claimed again",
					job.documentId());
		}
		return IngestMetrics.Outcome.RETRY;
	}

}
