package io.temponest.bench.dbscheduler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The peer of the scheduler benchmark: db-scheduler with lock-and-fetch polling, a fixed
 * number of executor threads and a HikariCP pool, running the one-time task
 * {@value #TASK} whose every instance calls {@code POST {agents}/bench/run} once with the
 * {@code X-Request-ID} {@code <task instance>-1} (the JDK HTTP client), fails on any
 * answer but 200, and records its start and end in memory ({@link Completions}). Its
 * table lives in the schema of {@code --schema} (created when missing); the benchmark
 * inserts the due instances itself. A small status server on 127.0.0.1 answers
 * {@code GET /health}, {@code GET /stats} ({@code PEER completed=… failed=…}) and
 * {@code POST /dump} (writes the completions to {@code --out} as
 * {@code instance\tstarted_ms\tcompleted_ms} lines). Arguments are {@code --name=value}:
 * {@code db-url}, {@code db-user}, {@code db-password}, {@code agents-url}, {@code port},
 * {@code out}, {@code threads} (64), {@code pool} (12), {@code schema}
 * (db_scheduler_peer), {@code poll-interval-ms} (1000).
 */
public final class DbSchedulerPeer implements AutoCloseable {

	/** The task name of every instance the benchmark inserts. */
	public static final String TASK = "bench-run";

	private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(300);

	private final HikariDataSource dataSource;

	private final HttpClient http;

	private final Scheduler scheduler;

	private final HttpServer status;

	private final ExecutorService statusExecutor = Executors.newVirtualThreadPerTaskExecutor();

	private final Completions completions = new Completions();

	private final Path out;

	private DbSchedulerPeer(Settings settings) throws IOException, SQLException {
		this.out = settings.out();
		this.dataSource = dataSource(settings);
		createTable(this.dataSource, settings.schema());
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI run = URI.create(settings.agentsUrl() + "/bench/run");
		OneTimeTask<Void> task = Tasks.oneTime(TASK).execute((instance, context) -> {
			long started = System.currentTimeMillis();
			call(run, instance.getId());
			this.completions.add(instance.getId(), started, System.currentTimeMillis());
		});
		this.scheduler = Scheduler.create(this.dataSource, task)
			.tableName(settings.schema() + ".scheduled_tasks")
			.threads(settings.threads())
			.pollUsingLockAndFetch(0.5, 1.0)
			.pollingInterval(Duration.ofMillis(settings.pollIntervalMs()))
			.build();
		this.status = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
		this.status.createContext("/", this::handle);
		this.status.setExecutor(this.statusExecutor);
	}

	public static void main(String[] args) throws Exception {
		DbSchedulerPeer peer = new DbSchedulerPeer(Settings.parse(args));
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(peer::close));
		peer.start();
		System.out.println("DB-SCHEDULER-PEER started on 127.0.0.1:" + peer.status.getAddress().getPort());
	}

	void start() {
		this.scheduler.start();
		this.status.start();
	}

	@Override
	public void close() {
		this.status.stop(0);
		this.scheduler.stop();
		this.statusExecutor.close();
		this.http.close();
		this.dataSource.close();
	}

	private void call(URI run, String instance) {
		HttpRequest request = HttpRequest.newBuilder(run)
			.timeout(AGENT_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("X-Request-ID", instance + "-1")
			.POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"t\"}"))
			.build();
		int code;
		try {
			code = this.http.send(request, BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			this.completions.failed();
			throw new UncheckedIOException("agent run of " + instance + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.completions.failed();
			throw new IllegalStateException("agent run of " + instance + " interrupted", ex);
		}
		if (code != 200) {
			this.completions.failed();
			throw new IllegalStateException("agent run of " + instance + " answered " + code);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if ("GET".equals(method) && "/health".equals(path)) {
				send(exchange, 200, "ok\n");
			}
			else if ("GET".equals(method) && "/stats".equals(path)) {
				send(exchange, 200, this.completions.stats() + "\n");
			}
			else if ("POST".equals(method) && "/dump".equals(path)) {
				int lines = this.completions.write(this.out);
				send(exchange, 200, "PEER dumped=" + lines + " to " + this.out + "\n");
			}
			else {
				send(exchange, 404, "not found\n");
			}
		}
	}

	private static void send(HttpExchange exchange, int code, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(code, bytes.length);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(bytes);
		}
	}

	private static HikariDataSource dataSource(Settings settings) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(settings.dbUrl());
		config.setUsername(settings.dbUser());
		config.setPassword(settings.dbPassword());
		config.setMaximumPoolSize(settings.pool());
		config.setPoolName("db-scheduler-peer");
		return new HikariDataSource(config);
	}

	/**
	 * db-scheduler's PostgreSQL table (its documented schema), in a schema of its own.
	 */
	static void createTable(DataSource dataSource, String schema) throws SQLException {
		if (!schema.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain schema name: " + schema);
		}
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
			statement.execute("""
					CREATE TABLE IF NOT EXISTS %1$s.scheduled_tasks (
						task_name text NOT NULL,
						task_instance text NOT NULL,
						task_data bytea,
						execution_time timestamptz NOT NULL,
						picked boolean NOT NULL,
						picked_by text,
						last_success timestamptz,
						last_failure timestamptz,
						consecutive_failures integer,
						last_heartbeat timestamptz,
						version bigint NOT NULL,
						priority smallint,
						PRIMARY KEY (task_name, task_instance))""".formatted(schema));
			statement.execute("CREATE INDEX IF NOT EXISTS execution_time_idx ON %s.scheduled_tasks (execution_time)"
				.formatted(schema));
			statement.execute("CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON %s.scheduled_tasks (last_heartbeat)"
				.formatted(schema));
			statement.execute(
					"CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON %s.scheduled_tasks (priority DESC, execution_time ASC)"
						.formatted(schema));
		}
	}

	/**
	 * The peer's settings.
	 *
	 * @param dbUrl JDBC URL of the bench database
	 * @param dbUser its user
	 * @param dbPassword its password
	 * @param agentsUrl base URL of the fake agents service
	 * @param port the status server's port
	 * @param out where {@code POST /dump} writes the completions
	 * @param threads db-scheduler's executor threads
	 * @param pool the HikariCP pool size
	 * @param schema the schema of db-scheduler's table
	 * @param pollIntervalMs db-scheduler's polling interval
	 */
	record Settings(String dbUrl, String dbUser, String dbPassword, String agentsUrl, int port, Path out, int threads,
			int pool, String schema, long pollIntervalMs) {

		static Settings parse(String[] args) {
			Map<String, String> values = new HashMap<>();
			for (String arg : args) {
				int equals = arg.indexOf('=');
				if (!arg.startsWith("--") || equals < 0) {
					throw new IllegalArgumentException("Not --name=value: " + arg);
				}
				values.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
			return new Settings(required(values, "db-url"), required(values, "db-user"),
					values.getOrDefault("db-password", ""), required(values, "agents-url"),
					Integer.parseInt(required(values, "port")), Path.of(required(values, "out")),
					Integer.parseInt(values.getOrDefault("threads", "64")),
					Integer.parseInt(values.getOrDefault("pool", "12")),
					values.getOrDefault("schema", "db_scheduler_peer"),
					Long.parseLong(values.getOrDefault("poll-interval-ms", "1000")));
		}

		private static String required(Map<String, String> values, String name) {
			String value = values.get(name);
			if (value == null || value.isEmpty()) {
				throw new IllegalArgumentException("--" + name + "= is required");
			}
			return value;
		}

	}

}
