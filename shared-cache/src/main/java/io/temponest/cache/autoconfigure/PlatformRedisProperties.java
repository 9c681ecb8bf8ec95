package io.temponest.cache.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis settings shared by every platform service.
 *
 * @param keyPrefix Prefix of every Redis key and channel the platform uses, so that test
 * runs and co-hosted environments never collide.
 */
@ConfigurationProperties("platform.redis")
public record PlatformRedisProperties(@DefaultValue("") String keyPrefix) {

}
