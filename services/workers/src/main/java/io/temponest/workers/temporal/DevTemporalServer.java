package io.temponest.workers.temporal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.temporal.testserver.TestServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Development only: when nothing answers at the configured address, Temporal's Java test
 * server is bound to its port, in this process, so the approval service (pointed at the
 * same address) signals the same server. It keeps nothing across restarts.
 */
final class DevTemporalServer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DevTemporalServer.class);

	private final TestServer.@Nullable PortBoundTestServer server;

	DevTemporalServer(TemporalProperties properties) {
		int separator = properties.address().lastIndexOf(':');
		String host = properties.address().substring(0, separator);
		int port = Integer.parseInt(properties.address().substring(separator + 1));
		if (answers(host, port)) {
			log.info("A Temporal server answers at {}; using it", properties.address());
			this.server = null;
		}
		else {
			log.warn("**************************************************************************************");
			log.warn("DEVELOPMENT ONLY: no Temporal server at {}; started Temporal's in-memory Java test server "
					+ "on port {}. Workflows are lost when this process stops.", properties.address(), port);
			log.warn("**************************************************************************************");
			this.server = TestServer.createPortBoundServer(port, true);
		}
	}

	boolean started() {
		return this.server != null;
	}

	@Override
	public void destroy() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
