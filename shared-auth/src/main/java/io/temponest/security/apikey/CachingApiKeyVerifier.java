package io.temponest.security.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.temponest.cache.JsonCache;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.RecentlyVerified;
import io.temponest.security.RevokedTokens;
import org.jspecify.annotations.Nullable;

/**
 * Verifies API keys through a {@link ApiKeyVerdictSource} and caches its verdicts, valid
 * or invalid, under {@code apikey:{sha256}} for the cache time, never past a key's known
 * expiry; answers the source could not give are not cached. When a deny-list is given, a
 * key whose {@code apikey:{sha256}} entry is on it is refused before any cached verdict
 * is used and after a fresh one is fetched, so a revocation announced on the revocation
 * channel takes effect at once; the cache time bounds a revoked key's life only while
 * that channel is down. In front of the shared cache, each process holds a verdict it
 * used for {@link #IN_PROCESS_TIME} (a key in steady use costs no Redis read per
 * request). Whoever changes what a verdict depends on (a key's owner deactivated, the
 * owner's roles) {@linkplain #forget forgets} it: in that process at once, in the others
 * within {@link #IN_PROCESS_TIME}.
 */
public final class CachingApiKeyVerifier implements ApiKeyVerifier {

	/** How long a process uses a verdict without reading the shared cache again. */
	public static final Duration IN_PROCESS_TIME = Duration.ofSeconds(2);

	private static final int IN_PROCESS_SLOTS = 1024;

	private final ApiKeyVerdictSource source;

	private final JsonCache cache;

	private final Duration cacheTtl;

	private final @Nullable RevokedTokens revokedTokens;

	private final RecentlyVerified<ApiKeyVerdict> recent;

	/**
	 * Create a verifier.
	 * @param source where verdicts come from when none is cached
	 * @param cache the cache of verdicts
	 * @param cacheTtl how long verdicts are cached at most
	 * @param revokedTokens the deny-list that revoked keys are announced on, or
	 * {@code null} for none
	 * @param clock the clock that key expiries are compared with
	 */
	public CachingApiKeyVerifier(ApiKeyVerdictSource source, JsonCache cache, Duration cacheTtl,
			@Nullable RevokedTokens revokedTokens, Clock clock) {
		this.source = source;
		this.cache = cache;
		this.cacheTtl = cacheTtl;
		this.revokedTokens = revokedTokens;
		this.recent = new RecentlyVerified<>(IN_PROCESS_SLOTS, clock);
	}

	@Override
	public Optional<AuthPrincipal> verify(String apiKey) {
		String cacheKey = ApiKeys.cacheKey(apiKey);
		if (isRevoked(cacheKey)) {
			return Optional.empty();
		}
		ApiKeyVerdict held = this.recent.get(cacheKey);
		if (held != null) {
			return held.principalIfValid();
		}
		Instant now = this.recent.clock().instant();
		Optional<ApiKeyVerdict> cached = this.cache.get(cacheKey, ApiKeyVerdict.class);
		if (cached.isPresent()) {
			hold(cacheKey, cached.get(), now);
			return cached.get().principalIfValid();
		}
		ApiKeyVerdict verdict = this.source.verdictOn(apiKey);
		if (verdict == null || isRevoked(cacheKey)) {
			// revoked while the source was asked: its answer may be older
			return Optional.empty();
		}
		Duration cacheTime = verdict.cacheTime(this.cacheTtl, now);
		if (cacheTime.toMillis() > 0) {
			this.cache.put(cacheKey, verdict, cacheTime);
			hold(cacheKey, verdict, now);
		}
		return verdict.principalIfValid();
	}

	/**
	 * Drop the verdict on a key, in this process and in the shared cache; call it once a
	 * change the verdict depends on has committed.
	 * @param cacheKey the key's {@link ApiKeys#cacheKey cache key}
	 */
	public void forget(String cacheKey) {
		this.recent.forget(cacheKey);
		this.cache.evict(cacheKey);
	}

	private void hold(String cacheKey, ApiKeyVerdict verdict, Instant now) {
		Duration time = verdict.cacheTime(IN_PROCESS_TIME, now);
		if (time.isPositive()) {
			this.recent.put(cacheKey, verdict, now.plus(time));
		}
	}

	private boolean isRevoked(String cacheKey) {
		return this.revokedTokens != null && this.revokedTokens.isRevoked(cacheKey);
	}

}
