package io.temponest.security.testapp;

import java.net.URI;
import java.time.Duration;

import io.lettuce.core.ClientOptions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lettuce connection factories of their own, for tests that need separate connections;
 * commands fail fast while disconnected, as a production Redis client should.
 */
public final class RedisConnections {

	private RedisConnections() {
	}

	public static LettuceConnectionFactory start(String redisUrl) {
		URI uri = URI.create(redisUrl);
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofSeconds(2))
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()), client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
