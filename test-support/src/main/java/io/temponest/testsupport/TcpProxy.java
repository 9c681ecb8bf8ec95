package io.temponest.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay put between a client and a server so that a fault test can cut the
 * connection ({@link #cut()}) and later restore it ({@link #restore()}) without stopping
 * the server.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket listener;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private final AtomicInteger refused = new AtomicInteger();

	private TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().name("tcp-proxy-accept-" + this.listener.getLocalPort()).start(this::acceptLoop);
	}

	/**
	 * Start a proxy on a free loopback port relaying to the given target.
	 * @param targetHost host of the real server
	 * @param targetPort port of the real server
	 * @return the running proxy
	 */
	public static TcpProxy start(String targetHost, int targetPort) {
		try {
			return new TcpProxy(targetHost, targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Port clients connect to. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** Close every relayed connection and refuse new ones until {@link #restore()}. */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	/**
	 * Connections refused while cut, so far: lets a test wait until a client tried.
	 * @return the count
	 */
	public int refusedConnections() {
		return this.refused.get();
	}

	/** Accept and relay connections again. */
	public void restore() {
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.listener);
	}

	private void acceptLoop() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (this.cut) {
					this.refused.incrementAndGet();
					closeQuietly(client);
					continue;
				}
				relay(client);
			}
			catch (IOException ex) {
				// listener closed or accept failed: the loop condition decides
			}
		}
	}

	private void relay(Socket client) {
		try {
			Socket server = new Socket();
			server.connect(new InetSocketAddress(this.targetHost, this.targetPort), 2000);
			this.open.add(client);
			this.open.add(server);
			Thread.ofVirtual().start(() -> pump(client, server));
			Thread.ofVirtual().start(() -> pump(server, client));
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// connection cut or closed by a peer
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing left to do
		}
	}

}
