package io.temponest.ingestion.collection;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.temponest.cache.JsonCache;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The generation of a collection as a tenant last read it from the database, kept in
 * Redis so that a cached query answer can be served without a database round trip. The
 * key names the tenant, so only a tenant that row-level security let read the collection
 * finds it; it is removed after every committed change to the collection's documents and
 * expires after {@value #TTL_SECONDS} s, which bounds how long a failed removal can keep
 * an old generation in use.
 */
@Component
public class CollectionGenerations {

	static final long TTL_SECONDS = 60;

	private static final Duration TTL = Duration.ofSeconds(TTL_SECONDS);

	private final JsonCache cache;

	CollectionGenerations(JsonCache cache) {
		this.cache = cache;
	}

	/**
	 * The generation the tenant last read, if it is still known.
	 * @param tenantId the tenant
	 * @param collectionId the collection
	 * @return the generation, empty when it must be read from the database
	 */
	public Optional<Long> remembered(UUID tenantId, UUID collectionId) {
		return this.cache.get(key(tenantId, collectionId), Long.class);
	}

	/**
	 * Remember the generation the tenant just read from the database.
	 * @param collection the collection's settings, as read
	 */
	public void remember(CollectionSettings collection) {
		this.cache.put(key(collection.tenantId(), collection.id()), collection.generation(), TTL);
	}

	/**
	 * Forget a collection's generation once the current transaction commits.
	 * @param tenantId the tenant
	 * @param collectionId the collection
	 */
	void forgetAfterCommit(UUID tenantId, UUID collectionId) {
		String key = key(tenantId, collectionId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					CollectionGenerations.this.cache.evict(key);
				}
			});
		}
		else {
			this.cache.evict(key);
		}
	}

	private static String key(UUID tenantId, UUID collectionId) {
		return "rag:generation:" + tenantId + ":" + collectionId;
	}

}
