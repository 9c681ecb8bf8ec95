package io.temponest.bench.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The console's seed data, a pure function of the options: tenants, their projects, each
 * project's runs and some runs' approvals. Every project and every run draws from a
 * random generator of its own, seeded from {@code --seed} and its position, so any of
 * them can be generated again alone and in any order (the projects' counters are counted
 * from their runs before the runs are written; the approvals are generated again from the
 * runs).
 *
 * <p>
 * Distributions: a project's runs are spread between a start 45 to 180 days ago and an
 * end that is mostly recent (its newest run near its {@code updated_at}); 85 % of the
 * runs succeed, 10 % fail, 5 % are cancelled, and about 4 % of the projects have a newest
 * run that is still running or pending, created in the last half hour. Kinds: 5 % wizard,
 * 60 % build, 20 % deploy, 15 % calc; each step names one of the seven roles. Logs are a
 * few hundred bytes to a few kilobytes of timestamped lines (failures with a stack
 * trace).
 */
final class SeedGenerator {

	static final long MICROS_PER_SECOND = 1_000_000L;

	static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;

	static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

	static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

	private static final String[] ADJECTIVES = { "amber", "brisk", "cobalt", "daring", "ember", "fabled", "gentle",
			"hidden", "ivory", "jolly", "keen", "lunar", "mellow", "nimble", "opal", "polar", "quiet", "rapid",
			"silver", "tidal", "umber", "vivid", "woven", "young", "zesty" };

	private static final String[] NOUNS = { "falcon", "harbor", "meadow", "summit", "canyon", "lantern", "orchard",
			"compass", "beacon", "glacier", "atlas", "forge", "prairie", "quarry", "river", "signal", "tundra",
			"voyage", "willow", "zephyr" };

	private static final String[] PRODUCTS = { "storefront", "billing portal", "booking app", "analytics dashboard",
			"mobile companion app", "customer CRM", "inventory tracker", "knowledge base", "status page",
			"newsletter platform", "support desk", "marketplace" };

	/** The seven roles, as steps name them. */
	static final String[] ROLES = { "Overseer", "Developer", "QA Tester", "DevOps Engineer", "Designer",
			"Security Auditor", "UX Researcher" };

	private static final String[] ROLE_SLUGS = { "overseer", "developer", "qa-tester", "devops", "designer",
			"security-auditor", "ux-researcher" };

	private static final String[][] ACTIONS = {
			{ "plan the milestone", "break the epic into tasks", "review the delivery plan", "estimate the budget",
					"coordinate the release" },
			{ "implement the checkout flow", "implement the webhook handler", "refactor the data layer",
					"add pagination to the list API", "fix the session timeout bug", "implement the search endpoint",
					"wire the payment provider" },
			{ "write integration tests", "run the regression suite", "verify the sign-up flow",
					"reproduce the reported crash", "check accessibility of the forms" },
			{ "deploy to staging", "deploy to production", "roll back the release", "provision the database",
					"rotate the TLS certificates", "tune the autoscaling" },
			{ "design the landing page", "update the design tokens", "draw the onboarding screens",
					"prepare the dark theme" },
			{ "audit the dependencies", "review the auth flow", "scan for secrets", "threat-model the API" },
			{ "interview pilot users", "synthesise the survey", "map the customer journey",
					"test the prototype with users" } };

	private static final String[] STATUSES = { "idle", "research", "build", "qa", "deploy", "live" };

	private static final String[] INFO_LINES = { "loaded project context (%d files, %d KB)",
			"retrieved %d knowledge chunks (top score 0.%d)", "prompt assembled: %d tokens, model llama3.1:8b",
			"tool call: read_file src/main/App.java (%d lines, %d ms)", "tool call: run_tests (%d passed, %d skipped)",
			"model answered in %d ms (%d output tokens)", "wrote %d files, %d lines changed",
			"checkpoint saved after step %d of %d", "cache hit ratio %d%%, %d entries",
			"queued follow-up task #%d (priority %d)" };

	private static final String[] WARN_LINES = { "retrying provider call after %d ms (attempt %d)",
			"response truncated at %d tokens; continuing (%d)", "slow tool call: %d ms over budget %d ms" };

	private static final String[] FAILURES = { "java.lang.IllegalStateException: build failed with exit code %d",
			"java.net.SocketTimeoutException: provider did not answer within %d ms",
			"org.opentest4j.AssertionFailedError: expected %d but was %d",
			"java.io.UncheckedIOException: deployment target refused the artifact (%d/%d)" };

	private static final String[] COMMENTS = { "Please cover the error path with a test.",
			"The migration needs a rollback step.", "Split this change into two smaller pull requests.",
			"The copy on the pricing page is out of date." };

	private final long seed;

	private final List<UUID> tenants;

	private final int projects;

	private final int runsPerProject;

	private final int bigProjectRuns;

	private final long now;

	/**
	 * The generator of one seeding.
	 * @param seed the seed of every random choice
	 * @param tenants the tenants, in order
	 * @param projects how many projects in all (shared out among the tenants)
	 * @param runsPerProject runs of every project
	 * @param bigProjectRuns runs of each tenant's first project instead, when positive
	 * @param now the newest instant any row may carry (epoch microseconds)
	 */
	SeedGenerator(long seed, List<UUID> tenants, int projects, int runsPerProject, int bigProjectRuns, long now) {
		if (tenants.isEmpty() || projects < tenants.size() || runsPerProject < 1) {
			throw new IllegalArgumentException("Need at least one tenant, one project per tenant and one run each");
		}
		this.seed = seed;
		this.tenants = List.copyOf(tenants);
		this.projects = projects;
		this.runsPerProject = runsPerProject;
		this.bigProjectRuns = bigProjectRuns;
		this.now = now;
	}

	/**
	 * Tenants made from a seed, for when none are given.
	 * @param seed the seed
	 * @param count how many
	 * @return the tenants' ids
	 */
	static List<UUID> tenants(long seed, int count) {
		SplittableRandom random = new SplittableRandom(mix(seed, -1, -1));
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(uuid(random));
		}
		return ids;
	}

	List<UUID> tenants() {
		return this.tenants;
	}

	/** How many projects the tenant of this index has. */
	int projectCount(int tenant) {
		int n = this.tenants.size();
		return this.projects / n + ((tenant < this.projects % n) ? 1 : 0);
	}

	/** How many runs the project of this index has. */
	int runCount(int project) {
		return (project == 0 && this.bigProjectRuns > 0) ? this.bigProjectRuns : this.runsPerProject;
	}

	/**
	 * A project's row, its counters counted from its runs.
	 * @param tenant the tenant's index
	 * @param index the project's index within its tenant
	 * @return the project
	 */
	Project project(int tenant, int index) {
		Frame frame = frame(tenant, index);
		long succeeded = 0;
		long failed = 0;
		long newest = frame.start;
		for (int i = 0; i < frame.runs; i++) {
			Run run = run(frame, i);
			if ("success".equals(run.status())) {
				succeeded++;
			}
			else if ("failed".equals(run.status())) {
				failed++;
			}
			newest = Math.max(newest, run.updatedAt());
		}
		SplittableRandom random = new SplittableRandom(mix(frame.seed, -2, 0));
		String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
		String noun = NOUNS[random.nextInt(NOUNS.length)];
		String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
		String slug = adjective + "-" + noun + "-" + (index + 1);
		String name = capitalise(adjective) + " " + capitalise(noun) + " " + (index + 1);
		String type = (random.nextInt(10) == 0) ? "portfolio" : "single";
		String status = frame.activeStatus != null ? STATUSES[2 + random.nextInt(3)] : kanban(random);
		String description = "The " + product + " for " + capitalise(noun) + " customers: " + frame.runs
				+ " agent runs so far.";
		String repoUrl = (random.nextInt(5) == 0) ? null : "https://github.com/acme-" + (tenant + 1) + "/" + slug;
		long createdAt = frame.start - random.nextLong(1, 2 * MICROS_PER_DAY);
		long updatedAt = Math.min(this.now, newest + random.nextLong(1, 60 * MICROS_PER_SECOND));
		return new Project(frame.id, this.tenants.get(tenant), slug, name, description, type, repoUrl, status,
				frame.runs, succeeded, failed, createdAt, updatedAt);
	}

	/**
	 * The runs of a project, oldest first, without their logs.
	 * @param tenant the tenant's index
	 * @param index the project's index within its tenant
	 * @return a fresh iterable of the project's runs
	 */
	Iterable<Run> runs(int tenant, int index) {
		Frame frame = frame(tenant, index);
		return () -> new java.util.Iterator<>() {

			private int next;

			@Override
			public boolean hasNext() {
				return this.next < frame.runs;
			}

			@Override
			public Run next() {
				if (!hasNext()) {
					throw new java.util.NoSuchElementException();
				}
				return run(frame, this.next++);
			}

		};
	}

	private Frame frame(int tenant, int index) {
		long projectSeed = mix(this.seed, tenant, index);
		SplittableRandom random = new SplittableRandom(projectSeed);
		UUID id = uuid(random);
		int runs = runCount(index);
		long start = this.now - random.nextLong(45 * MICROS_PER_DAY, 180 * MICROS_PER_DAY);
		double activity = random.nextDouble();
		String activeStatus = (activity < 0.03) ? "running" : (activity < 0.04) ? "pending" : null;
		long end;
		if (activeStatus != null) {
			end = this.now - random.nextLong(MICROS_PER_MINUTE, 30 * MICROS_PER_MINUTE);
		}
		else {
			double recency = random.nextDouble();
			end = this.now - MICROS_PER_HOUR - (long) (recency * recency * recency * 30 * MICROS_PER_DAY);
		}
		return new Frame(projectSeed, id, this.tenants.get(tenant), runs, start, end, activeStatus);
	}

	private Run run(Frame frame, int index) {
		long runSeed = mix(frame.seed, index, 1);
		SplittableRandom random = new SplittableRandom(runSeed);
		UUID id = uuid(random);
		long gap = Math.max(2, (frame.end - frame.start) / frame.runs);
		boolean newest = index == frame.runs - 1;
		long createdAt = newest && frame.activeStatus != null ? frame.end
				: frame.start + index * gap + random.nextLong(gap / 2);
		String status;
		if (newest && frame.activeStatus != null) {
			status = frame.activeStatus;
		}
		else {
			double draw = random.nextDouble();
			status = (draw < 0.85) ? "success" : (draw < 0.95) ? "failed" : "cancelled";
		}
		double kindDraw = random.nextDouble();
		String kind = (kindDraw < 0.05) ? "wizard"
				: (kindDraw < 0.65) ? "build" : (kindDraw < 0.85) ? "deploy" : "calc";
		int role = role(kind, random);
		String[] actions = ACTIONS[role];
		String step = ROLES[role] + ": " + actions[random.nextInt(actions.length)];
		long duration = Math.min(45 * MICROS_PER_MINUTE,
				(long) (20 * MICROS_PER_SECOND * Math.exp(random.nextGaussian() * 1.1)) + MICROS_PER_SECOND);
		long startedAt = createdAt + random.nextLong(10_000, 5 * MICROS_PER_SECOND);
		long costMillionths = (long) (20_000 * Math.exp(random.nextGaussian())) + 100;
		Long started;
		Long finished;
		long updatedAt;
		long cost;
		switch (status) {
			case "success", "failed" -> {
				started = startedAt;
				finished = Math.max(startedAt, Math.min(this.now, startedAt + duration));
				updatedAt = finished;
				cost = "success".equals(status) ? costMillionths : costMillionths / 2;
			}
			case "cancelled" -> {
				if (random.nextInt(10) < 3) {
					started = null;
					finished = Math.min(this.now,
							createdAt + random.nextLong(5 * MICROS_PER_SECOND, 10 * MICROS_PER_MINUTE));
					cost = 0;
				}
				else {
					started = startedAt;
					finished = Math.max(startedAt, Math.min(this.now, startedAt + duration / 3));
					cost = costMillionths / 4;
				}
				updatedAt = finished;
			}
			case "running" -> {
				started = Math.min(startedAt, this.now);
				finished = null;
				updatedAt = started + (this.now - started) / 2;
				cost = costMillionths / 3;
			}
			default -> {
				started = null;
				finished = null;
				updatedAt = createdAt;
				cost = 0;
			}
		}
		int approvals = 0;
		if (("build".equals(kind) || "deploy".equals(kind)) && !("cancelled".equals(status) && started == null)
				&& random.nextInt(100) < 10) {
			approvals = (random.nextInt(4) == 0) ? 2 : 1;
		}
		return new Run(id, frame.id, frame.tenant, kind, role, step, status, cost, started, finished, createdAt,
				updatedAt, approvals, runSeed, random.nextLong());
	}

	/**
	 * A run's approvals (none for most runs).
	 * @param run the run
	 * @return its approvals, oldest first
	 */
	List<Approval> approvals(Run run) {
		List<Approval> approvals = new ArrayList<>(run.approvals());
		long from = (run.startedAt() != null) ? run.startedAt() : run.createdAt();
		long to = (run.finishedAt() != null) ? run.finishedAt() : this.now;
		long slice = Math.max(2, (to - from) / (run.approvals() + 1));
		for (int k = 0; k < run.approvals(); k++) {
			SplittableRandom random = new SplittableRandom(mix(run.seed(), k, 2));
			UUID id = uuid(random);
			long createdAt = from + k * slice + random.nextLong(slice / 2 + 1);
			boolean last = k == run.approvals() - 1;
			String status;
			String comment = null;
			switch (run.status()) {
				case "success" -> status = "approved";
				case "failed", "cancelled" -> status = last ? "changes_requested" : "approved";
				default -> status = last ? "pending" : "approved";
			}
			if ("changes_requested".equals(status)) {
				comment = COMMENTS[random.nextInt(COMMENTS.length)];
			}
			else if ("approved".equals(status) && random.nextInt(3) == 0) {
				comment = "Looks good.";
			}
			Long decidedAt = "pending".equals(status) ? null
					: Math.min(to, createdAt + random.nextLong(slice / 2 + 1) + 1);
			String decidedBy = "pending".equals(status) ? null : "reviewer-" + (1 + random.nextInt(5)) + "@example.com";
			approvals.add(new Approval(id, run.tenantId(), run.id(), "Approve: " + run.step(), status, comment,
					decidedBy, createdAt, decidedAt));
		}
		return approvals;
	}

	/**
	 * Writes a run's log as one COPY text value ({@code \N} for a pending run).
	 * @param run the run
	 * @param out where to write
	 * @throws IOException when the writer fails
	 */
	void writeLogs(Run run, CopyWriter out) throws IOException {
		if (run.startedAt() == null && !"cancelled".equals(run.status())) {
			out.nul();
			return;
		}
		SplittableRandom random = new SplittableRandom(run.logSeed());
		String role = ROLE_SLUGS[run.role()];
		long t = (run.startedAt() != null) ? run.startedAt() : run.createdAt();
		long end = (run.finishedAt() != null) ? run.finishedAt() : this.now;
		int lines = 3 + random.nextInt(12);
		if (random.nextInt(20) == 0) {
			lines += 25 + random.nextInt(15);
		}
		if (run.startedAt() == null) {
			lines = 1;
		}
		long step = Math.max(1, (end - t) / (lines + 1));
		line(out, t, "INFO ", role).ascii("run ").uuid(run.id()).ascii(" started: ").text(run.step());
		for (int i = 1; i < lines; i++) {
			t += step;
			out.lineBreak();
			boolean warn = random.nextInt(12) == 0;
			String[] pool = warn ? WARN_LINES : INFO_LINES;
			line(out, t, warn ? "WARN " : "INFO ", role);
			format(out, pool[random.nextInt(pool.length)], random);
		}
		out.lineBreak();
		switch (run.status()) {
			case "success" ->
				line(out, end, "INFO ", role).ascii("run finished: success, cost $").decimal6(run.costMillionths());
			case "failed" -> {
				line(out, end, "ERROR", role).ascii("run failed: ");
				format(out, FAILURES[random.nextInt(FAILURES.length)], random);
				int frames = 4 + random.nextInt(12);
				for (int i = 0; i < frames; i++) {
					out.lineBreak()
						.ascii("\\tat io.temponest.agents.role.")
						.ascii(capitalise(role.replace("-", "")))
						.ascii("Script.step")
						.number(random.nextInt(40))
						.ascii("(")
						.ascii(capitalise(role.replace("-", "")))
						.ascii("Script.java:")
						.number(20 + random.nextInt(400))
						.ascii(")");
				}
			}
			case "cancelled" -> line(out, end, "WARN ", role).ascii("run cancelled by the user");
			default -> line(out, end, "INFO ", role).ascii("still working: step ")
				.number(lines)
				.ascii(" of ")
				.number(lines + 2 + random.nextInt(5));
		}
	}

	private static CopyWriter line(CopyWriter out, long t, String level, String role) throws IOException {
		return out.isoMillis(t).ascii(" ").ascii(level).ascii(" [").ascii(role).ascii("] ");
	}

	private static void format(CopyWriter out, String template, SplittableRandom random) throws IOException {
		int from = 0;
		int at;
		while ((at = template.indexOf('%', from)) >= 0) {
			out.ascii(template.substring(from, at));
			char c = template.charAt(at + 1);
			if (c == 'd') {
				out.number(random.nextInt(2, 5000));
			}
			else {
				out.ascii("%");
			}
			from = at + 2;
		}
		out.ascii(template.substring(from));
	}

	private static int role(String kind, SplittableRandom random) {
		int draw = random.nextInt(100);
		return switch (kind) {
			case "deploy" -> (draw < 80) ? 3 : (draw < 90) ? 5 : 2;
			case "wizard" -> (draw < 60) ? 0 : 6;
			case "calc" -> (draw < 70) ? 0 : 1;
			default -> (draw < 45) ? 1 : (draw < 65) ? 2 : (draw < 75) ? 4 : (draw < 85) ? 5 : (draw < 93) ? 6 : 0;
		};
	}

	private static String kanban(SplittableRandom random) {
		int draw = random.nextInt(100);
		return (draw < 15) ? "idle" : (draw < 25) ? "research"
				: (draw < 55) ? "build" : (draw < 70) ? "qa" : (draw < 80) ? "deploy" : "live";
	}

	private static String capitalise(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}

	/** A version 4 UUID drawn from the generator. */
	static UUID uuid(SplittableRandom random) {
		long most = (random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
		long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(most, least);
	}

	/** A seed of its own for each position (SplitMix64 finaliser over the inputs). */
	static long mix(long seed, long a, long b) {
		long z = seed ^ (a * 0x9E37_79B9_7F4A_7C15L) ^ (b * 0xC2B2_AE3D_27D4_EB4FL);
		z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
		return z ^ (z >>> 31);
	}

	/**
	 * Where a project's runs lie: its random seed, id, run count, window and newest
	 * status.
	 */
	private record Frame(long seed, UUID id, UUID tenant, int runs, long start, long end, String activeStatus) {
	}

	/**
	 * A row of {@code agents.projects} (times in epoch microseconds).
	 *
	 * @param id the id
	 * @param tenantId the tenant
	 * @param slug the slug, unique in the tenant
	 * @param name the name
	 * @param description the description
	 * @param type single or portfolio
	 * @param repoUrl the repository, or null
	 * @param status the kanban status
	 * @param runsTotal how many runs
	 * @param runsSucceeded how many succeeded
	 * @param runsFailed how many failed
	 * @param createdAt created
	 * @param updatedAt last updated (just after the newest run's last change)
	 */
	record Project(UUID id, UUID tenantId, String slug, String name, String description, String type, String repoUrl,
			String status, long runsTotal, long runsSucceeded, long runsFailed, long createdAt, long updatedAt) {
	}

	/**
	 * A row of {@code agents.project_runs} without its log (times in epoch microseconds).
	 *
	 * @param id the id
	 * @param projectId the project
	 * @param tenantId the tenant
	 * @param kind wizard, build, deploy or calc
	 * @param role the index of the step's role in {@link SeedGenerator#ROLES}
	 * @param step the step
	 * @param status the status
	 * @param costMillionths the cost in millionths of a dollar
	 * @param startedAt started, or null
	 * @param finishedAt finished, or null
	 * @param createdAt created
	 * @param updatedAt last changed
	 * @param approvals how many approvals it has
	 * @param seed the run's own seed (its approvals)
	 * @param logSeed the seed of its log
	 */
	record Run(UUID id, UUID projectId, UUID tenantId, String kind, int role, String step, String status,
			long costMillionths, Long startedAt, Long finishedAt, long createdAt, long updatedAt, int approvals,
			long seed, long logSeed) {
	}

	/**
	 * A row of {@code agents.run_approvals} (times in epoch microseconds).
	 *
	 * @param id the id
	 * @param tenantId the tenant
	 * @param runId the run
	 * @param step what is approved
	 * @param status pending, approved or changes_requested
	 * @param comment the reviewer's comment, or null
	 * @param decidedBy who decided, or null while pending
	 * @param createdAt asked
	 * @param decidedAt decided, or null while pending
	 */
	record Approval(UUID id, UUID tenantId, UUID runId, String step, String status, String comment, String decidedBy,
			long createdAt, Long decidedAt) {
	}

}
