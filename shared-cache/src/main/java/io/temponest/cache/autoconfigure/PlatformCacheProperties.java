package io.temponest.cache.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cache settings.
 *
 * @param failureBackoff How long Redis is left alone after a failed call: caches answer
 * misses and rate limits use in-process buckets without trying Redis, then the next call
 * tries again.
 */
@ConfigurationProperties("platform.cache")
public record PlatformCacheProperties(@DefaultValue("5s") Duration failureBackoff) {

}
