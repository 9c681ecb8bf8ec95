package io.temponest.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process of this test's own on a free port, for fault tests that
 * must not touch the machine's shared Redis. It is stopped by its own process handle.
 */
public final class PrivateRedisServer implements AutoCloseable {

	private final int port;

	private final Path directory;

	private Process process;

	private PrivateRedisServer(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Start a server on a free loopback port and wait until it accepts connections.
	 * @return the running server
	 */
	public static PrivateRedisServer start() {
		try {
			PrivateRedisServer server = new PrivateRedisServer(FreePorts.find(),
					Files.createTempDirectory("private-redis"));
			server.launch();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Port the server listens on. */
	public int port() {
		return this.port;
	}

	/** URL of the server. */
	public String url() {
		return "redis://127.0.0.1:" + this.port + "/0";
	}

	/** Start the server again on the same port after {@link #stop()}. */
	public void restart() {
		launch();
	}

	/** Stop the server process (by its own handle) and wait for it to exit. */
	public void stop() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			running.destroy();
			try {
				if (!running.waitFor(5, TimeUnit.SECONDS)) {
					running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.process = null;
	}

	/** Stop the server and delete its working directory. */
	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

	private void launch() {
		try {
			this.process = new ProcessBuilder("redis-server", "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server (is it installed?)", ex);
		}
		awaitListening();
	}

	private void awaitListening() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				if (socket.isConnected()) {
					return;
				}
			}
			catch (IOException ex) {
				sleepBriefly();
			}
		}
		stop();
		throw new IllegalStateException("redis-server did not start on port " + this.port);
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Free loopback ports. */
	static final class FreePorts {

		private FreePorts() {
		}

		static int find() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				socket.setReuseAddress(true);
				return socket.getLocalPort();
			}
		}

	}

}
