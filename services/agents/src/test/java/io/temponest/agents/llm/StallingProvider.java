package io.temponest.agents.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A provider that sends its headers and the start of a chunked body, then stalls until
 * the client hangs up: what WireMock cannot do, as its delays hold back the headers too.
 */
final class StallingProvider implements AutoCloseable {

	private final ServerSocket socket;

	private final Thread acceptor;

	StallingProvider(String contentType, String firstPart) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = Thread.ofVirtual().start(() -> serve(contentType, firstPart));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	private void serve(String contentType, String firstPart) {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				InputStream in = client.getInputStream();
				readHead(in);
				byte[] part = firstPart.getBytes(StandardCharsets.UTF_8);
				OutputStream out = client.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(part.length) + "\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(part);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				while (in.read() != -1) {
					// Stall until the client closes the connection.
				}
			}
			catch (IOException ex) {
				// The client hung up, or the server is closing.
			}
		}
	}

	private static void readHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int next = in.read();
			if (next == -1) {
				return;
			}
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		this.acceptor.interrupt();
	}

}
