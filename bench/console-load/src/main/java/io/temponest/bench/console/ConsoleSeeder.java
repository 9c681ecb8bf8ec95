package io.temponest.bench.console;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads the console's seed data ({@link SeedGenerator}) into the agents schema with
 * {@code COPY ... FROM STDIN} (text format, streamed through a small buffer): first the
 * projects with their counters counted from their runs, then the runs with their logs,
 * then the approvals, one transaction per job; then {@code ANALYZE}. It connects as a
 * role that bypasses row-level security (the platform's owner role, or the superuser):
 * COPY FROM is refused where a policy applies.
 *
 * <pre>
 * seed --db-url jdbc:postgresql://127.0.0.1:5432/temponest --db-user temponest_owner
 *      [--db-password P | env BENCH_DB_PASSWORD] [--schema agents] [--seed 42]
 *      [--tenants 4 | --tenant-ids UUID,UUID] [--projects 10000] [--runs-per-project 100]
 *      [--big-project-runs 0] [--jobs 1] [--truncate] [--no-analyze]
 * </pre>
 *
 * Prints one {@code TENANT} line per tenant ({@code id=… projects=… runs=… sample_slug=…
 * big_slug=…}) and one {@code SEED} line ({@code projects=… runs=… approvals=…
 * log_mb=… copy_s=… analyze_s=… elapsed_s=… rows_per_s=…}).
 */
final class ConsoleSeeder {

	private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final int BUFFER = 1 << 16;

	private final Options options;

	private final PrintStream out;

	ConsoleSeeder(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * What to seed and where.
	 *
	 * @param url the JDBC URL
	 * @param user the role (bypassing row-level security)
	 * @param password its password, or empty
	 * @param schema the agents schema
	 * @param seed the seed of every random choice
	 * @param tenants the tenants' ids
	 * @param projects projects in all
	 * @param runsPerProject runs of each project
	 * @param bigProjectRuns runs of each tenant's first project instead, when positive
	 * @param jobs connections loading at the same time (tenants are shared out)
	 * @param truncate whether to empty the three tables first
	 * @param analyze whether to ANALYZE them after
	 */
	record Options(String url, String user, String password, String schema, long seed, List<UUID> tenants, int projects,
			int runsPerProject, int bigProjectRuns, int jobs, boolean truncate, boolean analyze) {

		static Options parse(Map<String, String> options) {
			long seed = Long.parseLong(options.getOrDefault("seed", "42"));
			List<UUID> tenants;
			if (options.containsKey("tenant-ids")) {
				tenants = new ArrayList<>();
				for (String id : options.get("tenant-ids").split(",")) {
					if (!id.isBlank()) {
						tenants.add(UUID.fromString(id.strip()));
					}
				}
			}
			else {
				tenants = SeedGenerator.tenants(seed, Integer.parseInt(options.getOrDefault("tenants", "4")));
			}
			String schema = options.getOrDefault("schema", "agents");
			if (!SCHEMA.matcher(schema).matches()) {
				throw new IllegalArgumentException("Not a schema name: " + schema);
			}
			String password = options.getOrDefault("db-password", System.getenv("BENCH_DB_PASSWORD"));
			return new Options(ConsoleLoad.required(options, "db-url"), ConsoleLoad.required(options, "db-user"),
					(password != null) ? password : "", schema, seed, tenants,
					Integer.parseInt(options.getOrDefault("projects", "10000")),
					Integer.parseInt(options.getOrDefault("runs-per-project", "100")),
					Integer.parseInt(options.getOrDefault("big-project-runs", "0")),
					Integer.parseInt(options.getOrDefault("jobs", "1")), options.containsKey("truncate"),
					!options.containsKey("no-analyze"));
		}

	}

	/**
	 * What one job loaded.
	 *
	 * @param projects project rows
	 * @param runs run rows
	 * @param approvals approval rows
	 * @param bytes bytes sent in all
	 * @param logBytes bytes of the runs' COPY stream
	 */
	record Loaded(long projects, long runs, long approvals, long bytes, long logBytes) {

		Loaded plus(Loaded other) {
			return new Loaded(this.projects + other.projects, this.runs + other.runs, this.approvals + other.approvals,
					this.bytes + other.bytes, this.logBytes + other.logBytes);
		}

	}

	/**
	 * Seeds, prints the tenants and the summary line.
	 * @return the rows loaded
	 * @throws Exception when the database refuses
	 */
	Loaded seed() throws Exception {
		long begin = System.nanoTime();
		long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - SeedGenerator.MICROS_PER_SECOND;
		SeedGenerator generator = new SeedGenerator(this.options.seed(), this.options.tenants(),
				this.options.projects(), this.options.runsPerProject(), this.options.bigProjectRuns(), now);
		if (this.options.truncate()) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute(
						"TRUNCATE " + table("run_approvals") + ", " + table("project_runs") + ", " + table("projects"));
			}
		}
		int jobs = Math.max(1, Math.min(this.options.jobs(), this.options.tenants().size()));
		List<List<Integer>> shares = new ArrayList<>();
		for (int j = 0; j < jobs; j++) {
			shares.add(new ArrayList<>());
		}
		for (int t = 0; t < this.options.tenants().size(); t++) {
			shares.get(t % jobs).add(t);
		}
		Loaded loaded = new Loaded(0, 0, 0, 0, 0);
		try (ExecutorService executor = Executors.newFixedThreadPool(jobs)) {
			List<Future<Loaded>> results = new ArrayList<>();
			for (List<Integer> share : shares) {
				results.add(executor.submit(() -> load(generator, share)));
			}
			for (Future<Loaded> result : results) {
				loaded = loaded.plus(result.get());
			}
		}
		double copySeconds = (System.nanoTime() - begin) / 1e9;
		long analyzeBegin = System.nanoTime();
		if (this.options.analyze()) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				statement.execute(
						"ANALYZE " + table("projects") + ", " + table("project_runs") + ", " + table("run_approvals"));
			}
		}
		double analyzeSeconds = (System.nanoTime() - analyzeBegin) / 1e9;
		double elapsed = (System.nanoTime() - begin) / 1e9;
		for (int t = 0; t < this.options.tenants().size(); t++) {
			int count = generator.projectCount(t);
			long runs = 0;
			for (int p = 0; p < count; p++) {
				runs += generator.runCount(p);
			}
			String sample = generator.project(t, Math.min(1, count - 1)).slug();
			String big = (this.options.bigProjectRuns() > 0) ? generator.project(t, 0).slug() : "";
			this.out.printf(Locale.ROOT, "TENANT id=%s projects=%d runs=%d sample_slug=%s big_slug=%s%n",
					generator.tenants().get(t), count, runs, sample, big);
		}
		long rows = loaded.projects() + loaded.runs() + loaded.approvals();
		this.out.printf(Locale.ROOT,
				"SEED tenants=%d projects=%d runs=%d approvals=%d copy_mb=%.1f runs_mb=%.1f jobs=%d copy_s=%.1f "
						+ "analyze_s=%.1f elapsed_s=%.1f rows_per_s=%.0f runs_per_s=%.0f%n",
				this.options.tenants().size(), loaded.projects(), loaded.runs(), loaded.approvals(),
				loaded.bytes() / 1e6, loaded.logBytes() / 1e6, jobs, copySeconds, analyzeSeconds, elapsed,
				rows / elapsed, loaded.runs() / elapsed);
		return loaded;
	}

	private Loaded load(SeedGenerator generator, List<Integer> tenants) throws SQLException, IOException {
		try (Connection connection = connect()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL synchronous_commit = off");
			}
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			long projects = 0;
			long runs = 0;
			long approvals = 0;
			long bytes = 0;
			CopyIn in = copy.copyIn("COPY " + table("projects")
					+ " (id, tenant_id, slug, name, description, type, repo_url, status, runs_total, runs_succeeded, "
					+ "runs_failed, created_at, updated_at) FROM STDIN");
			CopyWriter writer = new CopyWriter(sink(in), BUFFER);
			for (int t : tenants) {
				for (int p = 0; p < generator.projectCount(t); p++) {
					writeProject(generator.project(t, p), writer);
					projects++;
				}
			}
			bytes += finish(in, writer);
			in = copy.copyIn("COPY " + table("project_runs")
					+ " (id, tenant_id, project_id, kind, step, status, cost_usd, logs, started_at, finished_at, "
					+ "created_at, updated_at) FROM STDIN");
			writer = new CopyWriter(sink(in), BUFFER);
			for (int t : tenants) {
				for (int p = 0; p < generator.projectCount(t); p++) {
					for (SeedGenerator.Run run : generator.runs(t, p)) {
						writeRun(generator, run, writer);
						runs++;
					}
				}
			}
			long runBytes = finish(in, writer);
			bytes += runBytes;
			in = copy.copyIn("COPY " + table("run_approvals")
					+ " (id, tenant_id, run_id, step, status, comment, decided_by, created_at, decided_at) FROM STDIN");
			writer = new CopyWriter(sink(in), BUFFER);
			for (int t : tenants) {
				for (int p = 0; p < generator.projectCount(t); p++) {
					for (SeedGenerator.Run run : generator.runs(t, p)) {
						if (run.approvals() > 0) {
							for (SeedGenerator.Approval approval : generator.approvals(run)) {
								writeApproval(approval, writer);
								approvals++;
							}
						}
					}
				}
			}
			bytes += finish(in, writer);
			connection.commit();
			return new Loaded(projects, runs, approvals, bytes, runBytes);
		}
	}

	private static CopyWriter.Sink sink(CopyIn in) {
		return (bytes, offset, length) -> {
			try {
				in.writeToCopy(bytes, offset, length);
			}
			catch (SQLException ex) {
				throw new IOException(ex);
			}
		};
	}

	private static long finish(CopyIn in, CopyWriter writer) throws IOException, SQLException {
		try {
			writer.flush();
			in.endCopy();
			return writer.bytes();
		}
		finally {
			if (in.isActive()) {
				in.cancelCopy();
			}
		}
	}

	static void writeProject(SeedGenerator.Project project, CopyWriter out) throws IOException {
		out.uuid(project.id()).tab().uuid(project.tenantId()).tab().ascii(project.slug()).tab().text(project.name());
		out.tab().text(project.description()).tab().ascii(project.type()).tab();
		if (project.repoUrl() != null) {
			out.text(project.repoUrl());
		}
		else {
			out.nul();
		}
		out.tab().ascii(project.status()).tab().number(project.runsTotal()).tab().number(project.runsSucceeded());
		out.tab().number(project.runsFailed()).tab().timestamp(project.createdAt()).tab();
		out.timestamp(project.updatedAt()).endRow();
	}

	static void writeRun(SeedGenerator generator, SeedGenerator.Run run, CopyWriter out) throws IOException {
		out.uuid(run.id()).tab().uuid(run.tenantId()).tab().uuid(run.projectId()).tab().ascii(run.kind()).tab();
		out.text(run.step()).tab().ascii(run.status()).tab().decimal6(run.costMillionths()).tab();
		generator.writeLogs(run, out);
		out.tab();
		optionalTimestamp(run.startedAt(), out).tab();
		optionalTimestamp(run.finishedAt(), out).tab();
		out.timestamp(run.createdAt()).tab().timestamp(run.updatedAt()).endRow();
	}

	static void writeApproval(SeedGenerator.Approval approval, CopyWriter out) throws IOException {
		out.uuid(approval.id()).tab().uuid(approval.tenantId()).tab().uuid(approval.runId()).tab();
		out.text(approval.step()).tab().ascii(approval.status()).tab();
		if (approval.comment() != null) {
			out.text(approval.comment());
		}
		else {
			out.nul();
		}
		out.tab();
		if (approval.decidedBy() != null) {
			out.text(approval.decidedBy());
		}
		else {
			out.nul();
		}
		out.tab().timestamp(approval.createdAt()).tab();
		optionalTimestamp(approval.decidedAt(), out).endRow();
	}

	private static CopyWriter optionalTimestamp(Long micros, CopyWriter out) throws IOException {
		return (micros != null) ? out.timestamp(micros) : out.nul();
	}

	private String table(String name) {
		return this.options.schema() + "." + name;
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.options.user());
		if (!this.options.password().isEmpty()) {
			properties.setProperty("password", this.options.password());
		}
		properties.setProperty("ApplicationName", "console-seed");
		return DriverManager.getConnection(this.options.url(), properties);
	}

}
