package io.temponest.ingestion.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.temponest.ingestion.collection.CollectionSettings;
import io.temponest.ingestion.collection.Collections;
import io.temponest.ingestion.document.Documents;
import io.temponest.ingestion.document.WatchedFile;
import io.temponest.ingestion.ingest.IngestProperties;
import io.temponest.ingestion.parse.DocumentType;
import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the watched folder's collection in step with the folder: a new file is queued, a
 * changed one (other size or modification time, then another content hash) is queued as
 * its document's next version, a deleted one loses its document and chunks. What was
 * stored survives restarts, so unchanged files are never embedded again. A folder that is
 * missing is left alone (an unmounted volume must not empty the collection).
 */
@Component
class FolderWatcher {

	private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);

	private static final int MAX_DEPTH = 32;

	private static final byte[] NO_CONTENT = new byte[0];

	private final WatchProperties properties;

	private final Collections collections;

	private final Documents documents;

	private final TenantTransactions transactions;

	private final IngestProperties limits;

	private final Clock clock;

	private volatile boolean missingReported;

	FolderWatcher(WatchProperties properties, Collections collections, Documents documents,
			TenantTransactions transactions, IngestProperties limits, Clock clock) {
		this.properties = properties;
		this.collections = collections;
		this.documents = documents;
		this.transactions = transactions;
		this.limits = limits;
		this.clock = clock;
		if (properties.enabled()) {
			log.info("Watching {} for tenant {} into collection '{}'", properties.directory(), properties.tenantId(),
					properties.collection());
		}
	}

	@Scheduled(fixedDelayString = "${temponest.ingestion.watch.interval:10s}", initialDelay = 0)
	void scheduledScan() {
		if (!this.properties.enabled()) {
			return;
		}
		try {
			scan();
		}
		catch (DataAccessException | UncheckedIOException ex) {
			log.warn("Scanning the watched folder failed, trying again next time: {}", ex.getMessage());
		}
	}

	/**
	 * Compare the folder with its collection once.
	 * @return how many files were queued and removed
	 */
	ScanResult scan() {
		Path root = this.properties.folder();
		UUID tenant = Objects.requireNonNull(this.properties.tenantId());
		if (!Files.isDirectory(root)) {
			if (!this.missingReported) {
				log.warn("The watched folder {} does not exist; its collection is left as it is", root);
				this.missingReported = true;
			}
			return new ScanResult(0, 0);
		}
		this.missingReported = false;
		CollectionSettings collection = this.transactions.write(tenant,
				() -> this.collections.findOrCreate(tenant, this.properties.collection()));
		Map<String, Map<String, Object>> stored = this.transactions.read(tenant,
				() -> this.documents.watchedFiles(collection.id()));
		Set<String> present = new HashSet<>();
		int queued = 0;
		Instant settledBefore = this.clock.instant().minus(this.properties.settle());
		for (Path file : files(root)) {
			Optional<Candidate> candidate = candidate(root, file);
			if (candidate.isEmpty()) {
				continue;
			}
			Candidate found = candidate.get();
			present.add(found.file().source());
			if (found.modified().isAfter(settledBefore) || found.sameAs(stored.get(found.file().source()))) {
				continue;
			}
			if (found.size() > this.limits.maxDocumentSize().toBytes()) {
				log.warn("Watched file {} is larger than the document limit; skipped", found.file().source());
				continue;
			}
			byte[] content = read(file);
			if (this.transactions.write(tenant,
					() -> this.documents.storeWatchedFile(collection, found.file(), content))) {
				queued++;
			}
		}
		int removed = 0;
		for (String source : stored.keySet()) {
			if (!present.contains(source)) {
				this.transactions.run(tenant, () -> this.documents.removeWatchedFile(collection.id(), source));
				removed++;
			}
		}
		if (queued > 0 || removed > 0) {
			log.info("Watched folder: {} files queued, {} removed", queued, removed);
		}
		return new ScanResult(queued, removed);
	}

	private static List<Path> files(Path root) {
		try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
			return walk.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<Candidate> candidate(Path root, Path file) {
		String filename = file.getFileName().toString();
		if (filename.startsWith(".")) {
			return Optional.empty();
		}
		Optional<DocumentType> type = DocumentType.detect(filename, null, NO_CONTENT);
		if (type.isEmpty()) {
			return Optional.empty();
		}
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		String source = root.relativize(file).toString().replace('\\', '/');
		Instant modified = attributes.lastModifiedTime().toInstant();
		Map<String, Object> metadata = Map.of("file_size", attributes.size(), "modified_at", modified.toString());
		return Optional.of(new Candidate(new WatchedFile(source, filename, type.get().contentType(), metadata),
				attributes.size(), modified));
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What one scan did. */
	record ScanResult(int queued, int removed) {

	}

	private record Candidate(WatchedFile file, long size, Instant modified) {

		/** Whether the stored metadata of the file's document says it has not changed. */
		boolean sameAs(@Nullable Map<String, Object> stored) {
			return stored != null && String.valueOf(this.size).equals(String.valueOf(stored.get("file_size")))
					&& this.modified.toString().equals(stored.get("modified_at"));
		}

	}

}
