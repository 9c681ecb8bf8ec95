package io.temponest.bench.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Webhook receivers for bench/webhooks-bench.sh: one process listening on many loopback
 * ports, each answering every {@code POST} with 204 and recording the delivery's event id
 * ({@code X-Webhook-Event-Id}), its arrival time and the event's {@code occurred_at}.
 * {@code GET /stats} on any port answers the counts of every port (received, distinct
 * events, duplicates), the lag (arrival minus the event's time) percentiles and the first
 * and last arrival; {@code POST /reset} forgets everything recorded.
 */
public final class WebhookReceivers {

	private static final Pattern OCCURRED_AT = Pattern.compile("\"occurred_at\"\\s*:\\s*\"([^\"]+)\"");

	private final List<HttpServer> servers = new ArrayList<>();

	private final Map<Integer, Receiver> receivers = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private WebhookReceivers(int[] ports) throws IOException {
		for (int port : ports) {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
			Receiver receiver = new Receiver(server.getAddress().getPort());
			this.receivers.put(receiver.port, receiver);
			server.createContext("/", (exchange) -> handle(receiver, exchange));
			server.setExecutor(this.executor);
			this.servers.add(server);
		}
		this.servers.forEach(HttpServer::start);
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String ports = options.get("ports");
		if (ports == null) {
			System.err.println("Usage: webhook-receivers --ports P1,P2,...");
			System.exit(64);
		}
		int[] parsed = Arrays.stream(ports.split(",")).mapToInt(Integer::parseInt).toArray();
		WebhookReceivers receivers = new WebhookReceivers(parsed);
		System.out.println("WEBHOOK-RECEIVERS listening on 127.0.0.1 ports " + receivers.receivers.keySet());
	}

	private void handle(Receiver receiver, HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if ("GET".equals(method) && "/stats".equals(path)) {
				answer(exchange, 200, stats());
				return;
			}
			if ("POST".equals(method) && "/reset".equals(path)) {
				this.receivers.values().forEach(Receiver::reset);
				answer(exchange, 200, "{}");
				return;
			}
			long arrived = System.currentTimeMillis();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String eventId = exchange.getRequestHeaders().getFirst("X-Webhook-Event-Id");
			receiver.record(eventId, arrived, occurredAt(new String(body, StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private static long occurredAt(String body) {
		Matcher matcher = OCCURRED_AT.matcher(body);
		if (!matcher.find()) {
			return -1;
		}
		try {
			return Instant.parse(matcher.group(1)).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return -1;
		}
	}

	private String stats() {
		StringBuilder json = new StringBuilder("{\"ports\":[");
		long received = 0;
		long distinct = 0;
		long duplicates = 0;
		long unknown = 0;
		long first = Long.MAX_VALUE;
		long last = 0;
		List<long[]> lags = new ArrayList<>();
		boolean comma = false;
		for (Receiver receiver : this.receivers.values().stream().sorted((a, b) -> a.port - b.port).toList()) {
			long r = receiver.received.sum();
			long d = receiver.events.size();
			long u = receiver.unknown.sum();
			json.append(comma ? "," : "")
				.append(String.format(
						"{\"port\":%d,\"received\":%d,\"distinct\":%d,\"duplicates\":%d,\"no_event_id\":%d}",
						receiver.port, r, d, r - d - u, u));
			comma = true;
			received += r;
			distinct += d;
			duplicates += r - d - u;
			unknown += u;
			if (r > 0) {
				first = Math.min(first, receiver.first.get());
				last = Math.max(last, receiver.last.get());
			}
			lags.add(receiver.lags());
		}
		long[] all = lags.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		json.append(String.format(
				"],\"received\":%d,\"distinct\":%d,\"duplicates\":%d,\"no_event_id\":%d,\"first_arrival_ms\":%d,"
						+ "\"last_arrival_ms\":%d,\"lag_ms\":{\"n\":%d,\"p50\":%d,\"p95\":%d,\"p99\":%d,\"max\":%d}}",
				received, distinct, duplicates, unknown, (first == Long.MAX_VALUE) ? 0 : first, last, all.length,
				rank(all, 50), rank(all, 95), rank(all, 99), (all.length == 0) ? 0 : all[all.length - 1]));
		return json.toString();
	}

	private static long rank(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(sorted.length * percent / 100.0) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** What one port has received. */
	private static final class Receiver {

		private final int port;

		private final LongAdder received = new LongAdder();

		private final LongAdder unknown = new LongAdder();

		private final Map<String, Boolean> events = new ConcurrentHashMap<>();

		private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);

		private final AtomicLong last = new AtomicLong();

		private long[] lagMs = new long[1024];

		private int lagCount;

		Receiver(int port) {
			this.port = port;
		}

		void record(String eventId, long arrived, long occurred) {
			this.received.increment();
			this.first.accumulateAndGet(arrived, Math::min);
			this.last.accumulateAndGet(arrived, Math::max);
			if (eventId == null) {
				this.unknown.increment();
				return;
			}
			if (this.events.putIfAbsent(eventId, Boolean.TRUE) == null && occurred > 0) {
				synchronized (this) {
					if (this.lagCount == this.lagMs.length) {
						this.lagMs = Arrays.copyOf(this.lagMs, this.lagCount * 2);
					}
					this.lagMs[this.lagCount++] = arrived - occurred;
				}
			}
		}

		synchronized long[] lags() {
			return Arrays.copyOf(this.lagMs, this.lagCount);
		}

		synchronized void reset() {
			this.received.reset();
			this.unknown.reset();
			this.events.clear();
			this.first.set(Long.MAX_VALUE);
			this.last.set(0);
			this.lagCount = 0;
		}

	}

}
