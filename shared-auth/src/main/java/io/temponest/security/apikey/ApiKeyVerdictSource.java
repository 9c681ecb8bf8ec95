package io.temponest.security.apikey;

import org.jspecify.annotations.Nullable;

/**
 * Where an API key's verdict comes from when none is cached: the auth service over HTTP
 * by default ({@link AuthServiceApiKeyVerdicts}); the auth service supplies a bean that
 * reads its database. {@link CachingApiKeyVerifier} caches what it answers.
 */
@FunctionalInterface
public interface ApiKeyVerdictSource {

	/**
	 * The verdict on a key, fresh from the source.
	 * @param apiKey the presented key
	 * @return the verdict, or {@code null} when none can be given now (the source is
	 * unreachable or failing); such an answer is not cached
	 */
	@Nullable ApiKeyVerdict verdictOn(String apiKey);

}
