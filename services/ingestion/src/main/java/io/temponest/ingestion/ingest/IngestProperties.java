package io.temponest.ingestion.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How documents are taken in and processed ({@code temponest.ingestion.*}).
 *
 * @param maxDocumentSize the largest document accepted
 * @param workers how many documents one instance processes at once
 * @param pollInterval how often an idle instance looks for queued documents
 * @param lease how long a claimed document is its worker's before another instance may
 * take it over (renewed while it makes progress)
 * @param maxAttempts attempts of a document whose processing fails for a passing reason
 * @param retryBackoff the wait before the second attempt, doubling after each
 * @param embeddingBatch chunks embedded per call to the model
 */
@ConfigurationProperties("temponest.ingestion")
public record IngestProperties(@DefaultValue("50MB") DataSize maxDocumentSize, @DefaultValue("2") int workers,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("5m") Duration lease,
		@DefaultValue("5") int maxAttempts, @DefaultValue("10s") Duration retryBackoff,
		@DefaultValue("32") int embeddingBatch) {

}
