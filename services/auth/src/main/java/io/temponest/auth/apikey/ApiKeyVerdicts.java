package io.temponest.auth.apikey;

import java.util.List;
import java.util.UUID;

import io.temponest.security.apikey.ApiKeys;
import io.temponest.security.apikey.CachingApiKeyVerifier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Drops the cached verdicts ({@code apikey:{sha256}}, shared by every service; held in
 * each process for {@link CachingApiKeyVerifier#IN_PROCESS_TIME}) on the keys of a user
 * whose state a transaction changes, once it commits: a deactivated owner's keys stop
 * working, and a key whose owner lost a role loses the scopes that role gave, at once in
 * this process and in the shared cache, in other processes within
 * {@link CachingApiKeyVerifier#IN_PROCESS_TIME}, instead of when the cached verdict
 * expires.
 */
@Component
public class ApiKeyVerdicts {

	private final JdbcClient jdbc;

	private final CachingApiKeyVerifier verifier;

	ApiKeyVerdicts(JdbcClient jdbc, CachingApiKeyVerifier verifier) {
		this.jdbc = jdbc;
		this.verifier = verifier;
	}

	/**
	 * Evict the cached verdicts on the user's active keys when the current tenant
	 * transaction commits.
	 * @param userId the keys' owner
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void evictKeysOfAfterCommit(UUID userId) {
		List<String> hashes = this.jdbc.sql("SELECT key_hash FROM auth.api_keys WHERE user_id = :userId AND is_active")
			.param("userId", userId)
			.query(String.class)
			.list();
		if (hashes.isEmpty()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				hashes.forEach((hash) -> ApiKeyVerdicts.this.verifier.forget(ApiKeys.cacheKeyOfHash(hash)));
			}
		});
	}

}
