package io.temponest.cache;

/**
 * Applies the platform key prefix ({@code platform.redis.key-prefix}) to every Redis key
 * and channel, so that test runs (and co-hosted environments) never collide.
 *
 * @param prefix the prefix, possibly empty
 */
public record RedisKeys(String prefix) {

	/**
	 * Prefix a key or channel name.
	 * @param name the name without prefix
	 * @return the name with the prefix
	 */
	public String key(String name) {
		return this.prefix + name;
	}

}
