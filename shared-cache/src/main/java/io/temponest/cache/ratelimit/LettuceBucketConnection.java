package io.temponest.cache.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

/**
 * The byte-array Lettuce connection that Bucket4j's proxy manager talks through, opened
 * on Boot's own Lettuce client (same address, credentials, TLS and timeouts). It connects
 * in the background so that starting a service never waits for Redis, and a request waits
 * for a pending connection at most the command timeout before its caller falls back. Once
 * open, Lettuce reconnects by itself after an outage; a connection closed with its client
 * (the factory stopped and started again) is replaced on the next call. Keys are
 * {@code byte[]}; the API is typed {@code Object} because Bucket4j hands them over in an
 * {@code Object[]}.
 */
final class LettuceBucketConnection implements RedisApi<Object>, AutoCloseable {

	private static final Executor CONNECTOR = (task) -> Thread.ofVirtual().name("ratelimit-redis-connect").start(task);

	private final Supplier<AbstractRedisClient> client;

	private final Duration timeout;

	private final Object lock = new Object();

	private @Nullable CompletableFuture<StatefulConnection<byte[], byte[]>> connection;

	private boolean closed;

	LettuceBucketConnection(Supplier<AbstractRedisClient> client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	public <V> RedisFuture<V> eval(String script, ScriptOutputType scriptOutputType, Object[] keys, byte[][] params) {
		return commands().eval(script, scriptOutputType, Arrays.copyOf(keys, keys.length, byte[][].class), params);
	}

	@Override
	public RedisFuture<byte[]> get(Object key) {
		return commands().get((byte[]) key);
	}

	@Override
	public RedisFuture<?> delete(Object key) {
		return commands().del((byte[]) key);
	}

	/** Start connecting unless a connection is open or being opened. */
	void connectInBackground() {
		connecting();
	}

	@Override
	public void close() {
		CompletableFuture<StatefulConnection<byte[], byte[]>> current;
		synchronized (this.lock) {
			this.closed = true;
			current = this.connection;
			this.connection = null;
		}
		if (current != null) {
			// Boot's connection factory may have shut down the client and this connection
			current.thenAccept((connection) -> {
				if (connection.isOpen()) {
					connection.close();
				}
			});
		}
	}

	private RedisClusterAsyncCommands<byte[], byte[]> commands() {
		try {
			return async(connecting().get(this.timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			throw new RedisConnectionException("Rate-limit connection to Redis not open after " + this.timeout);
		}
		catch (ExecutionException ex) {
			throw new RedisConnectionException("Rate-limit connection to Redis failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisConnectionException("Interrupted while connecting to Redis", ex);
		}
	}

	private CompletableFuture<StatefulConnection<byte[], byte[]>> connecting() {
		synchronized (this.lock) {
			if (this.closed) {
				throw new RedisConnectionException("Rate-limit connection to Redis is closed");
			}
			CompletableFuture<StatefulConnection<byte[], byte[]>> current = this.connection;
			if (current == null || current.isCompletedExceptionally() || isClosed(current)) {
				current = CompletableFuture.supplyAsync(this::connect, CONNECTOR);
				this.connection = current;
			}
			return current;
		}
	}

	/**
	 * Whether an opened connection was closed under it: Boot's connection factory shuts
	 * its client down when it stops (a paused test context, a restart of the factory),
	 * and the next call then opens a connection on the client the factory has now.
	 */
	private static boolean isClosed(CompletableFuture<StatefulConnection<byte[], byte[]>> connection) {
		return connection.isDone() && !connection.isCompletedExceptionally() && !connection.join().isOpen();
	}

	private StatefulConnection<byte[], byte[]> connect() {
		AbstractRedisClient nativeClient = this.client.get();
		if (nativeClient instanceof RedisClusterClient cluster) {
			return cluster.connect(ByteArrayCodec.INSTANCE);
		}
		if (nativeClient instanceof RedisClient standalone) {
			return standalone.connect(ByteArrayCodec.INSTANCE);
		}
		throw new IllegalStateException("Unsupported Lettuce client " + nativeClient);
	}

	private static RedisClusterAsyncCommands<byte[], byte[]> async(StatefulConnection<byte[], byte[]> connection) {
		if (connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster) {
			return cluster.async();
		}
		return ((StatefulRedisConnection<byte[], byte[]>) connection).async();
	}

}
