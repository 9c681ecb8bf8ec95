package io.temponest.bench.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the seed data: counters that equal the runs, times consistent with each
 * status, determinism, approvals, and rows that are valid COPY text.
 */
class SeedGeneratorTests {

	private static final long NOW = 1_796_000_000_000_000L;

	private static final List<UUID> TENANTS = SeedGenerator.tenants(7, 3);

	private final SeedGenerator generator = new SeedGenerator(7, TENANTS, 300, 100, 2_000, NOW);

	@Test
	void countersEqualTheRunsOfEveryProject() {
		for (int t = 0; t < TENANTS.size(); t++) {
			for (int p = 0; p < this.generator.projectCount(t); p++) {
				SeedGenerator.Project project = this.generator.project(t, p);
				long total = 0;
				long succeeded = 0;
				long failed = 0;
				for (SeedGenerator.Run run : this.generator.runs(t, p)) {
					total++;
					succeeded += "success".equals(run.status()) ? 1 : 0;
					failed += "failed".equals(run.status()) ? 1 : 0;
					assertThat(run.projectId()).isEqualTo(project.id());
					assertThat(run.tenantId()).isEqualTo(project.tenantId());
				}
				assertThat(project.runsTotal()).isEqualTo(total).isEqualTo(this.generator.runCount(p));
				assertThat(project.runsSucceeded()).isEqualTo(succeeded);
				assertThat(project.runsFailed()).isEqualTo(failed);
			}
		}
		assertThat(this.generator.project(0, 0).runsTotal()).isEqualTo(2_000);
		assertThat(this.generator.project(0, 1).runsTotal()).isEqualTo(100);
	}

	@Test
	void projectsAreSharedOutAmongTheTenantsWithUniqueSlugs() {
		int all = 0;
		for (int t = 0; t < TENANTS.size(); t++) {
			Set<String> slugs = new HashSet<>();
			for (int p = 0; p < this.generator.projectCount(t); p++) {
				SeedGenerator.Project project = this.generator.project(t, p);
				assertThat(project.tenantId()).isEqualTo(TENANTS.get(t));
				assertThat(project.slug()).matches("[a-z0-9]+(-[a-z0-9]+)*");
				assertThat(slugs.add(project.slug())).isTrue();
				all++;
			}
		}
		assertThat(all).isEqualTo(300);
		assertThat(new SeedGenerator(7, TENANTS, 10, 1, 0, NOW).projectCount(0)).isEqualTo(4);
	}

	@Test
	void timesAreConsistentWithEachStatus() {
		Set<String> statuses = new HashSet<>();
		Set<String> kinds = new HashSet<>();
		Set<String> roles = new HashSet<>();
		for (int t = 0; t < TENANTS.size(); t++) {
			for (int p = 0; p < this.generator.projectCount(t); p++) {
				SeedGenerator.Project project = this.generator.project(t, p);
				long previous = Long.MIN_VALUE;
				long newest = 0;
				for (SeedGenerator.Run run : this.generator.runs(t, p)) {
					statuses.add(run.status());
					kinds.add(run.kind());
					roles.add(run.step().substring(0, run.step().indexOf(':')));
					assertThat(run.createdAt()).isGreaterThan(previous).isLessThanOrEqualTo(NOW);
					assertThat(run.createdAt()).isGreaterThanOrEqualTo(NOW - 181 * SeedGenerator.MICROS_PER_DAY);
					assertThat(run.createdAt()).isGreaterThan(project.createdAt());
					previous = run.createdAt();
					newest = Math.max(newest, run.updatedAt());
					assertThat(run.updatedAt()).isBetween(run.createdAt(), NOW);
					switch (run.status()) {
						case "success", "failed" -> {
							assertThat(run.startedAt()).isNotNull().isGreaterThanOrEqualTo(run.createdAt());
							assertThat(run.finishedAt()).isNotNull().isBetween(run.startedAt(), NOW);
							assertThat(run.costMillionths()).isPositive();
						}
						case "cancelled" -> {
							assertThat(run.finishedAt()).isNotNull().isBetween(run.createdAt(), NOW);
							if (run.startedAt() != null) {
								assertThat(run.finishedAt()).isGreaterThanOrEqualTo(run.startedAt());
							}
							else {
								assertThat(run.costMillionths()).isZero();
							}
						}
						case "running" -> {
							assertThat(run.startedAt()).isNotNull().isBetween(run.createdAt(), NOW);
							assertThat(run.finishedAt()).isNull();
							assertThat(run.createdAt()).isGreaterThan(NOW - SeedGenerator.MICROS_PER_HOUR);
						}
						case "pending" -> {
							assertThat(run.startedAt()).isNull();
							assertThat(run.finishedAt()).isNull();
							assertThat(run.costMillionths()).isZero();
							assertThat(run.createdAt()).isGreaterThan(NOW - SeedGenerator.MICROS_PER_HOUR);
						}
						default -> throw new AssertionError("unexpected status " + run.status());
					}
				}
				assertThat(project.updatedAt()).isBetween(newest, Math.min(NOW, newest + 60_000_000));
			}
		}
		assertThat(statuses).containsExactlyInAnyOrder("success", "failed", "cancelled", "running", "pending");
		assertThat(kinds).containsExactlyInAnyOrder("wizard", "build", "deploy", "calc");
		assertThat(roles).containsExactlyInAnyOrder(SeedGenerator.ROLES);
	}

	@Test
	void mostRunsSucceedAndFewAreActive() {
		long total = 0;
		long success = 0;
		long active = 0;
		for (int p = 0; p < this.generator.projectCount(1); p++) {
			for (SeedGenerator.Run run : this.generator.runs(1, p)) {
				total++;
				success += "success".equals(run.status()) ? 1 : 0;
				active += ("running".equals(run.status()) || "pending".equals(run.status())) ? 1 : 0;
			}
		}
		assertThat((double) success / total).isBetween(0.8, 0.9);
		assertThat(active).isBetween(1L, 20L);
	}

	@Test
	void theSameSeedGivesTheSameDataAndAnotherSeedOther() {
		SeedGenerator again = new SeedGenerator(7, TENANTS, 300, 100, 2_000, NOW);
		SeedGenerator other = new SeedGenerator(8, TENANTS, 300, 100, 2_000, NOW);
		assertThat(again.project(2, 5)).isEqualTo(this.generator.project(2, 5));
		assertThat(list(again.runs(2, 5))).isEqualTo(list(this.generator.runs(2, 5)));
		assertThat(other.project(2, 5).id()).isNotEqualTo(this.generator.project(2, 5).id());
		assertThat(SeedGenerator.tenants(7, 3)).isEqualTo(TENANTS);
		assertThat(SeedGenerator.tenants(8, 3)).doesNotContainAnyElementsOf(TENANTS);
	}

	@Test
	void approvalsFollowTheirRun() {
		int runsWithApprovals = 0;
		for (SeedGenerator.Run run : this.generator.runs(0, 0)) {
			List<SeedGenerator.Approval> approvals = this.generator.approvals(run);
			assertThat(approvals).hasSize(run.approvals());
			if (run.approvals() > 0) {
				runsWithApprovals++;
				assertThat(run.kind()).isIn("build", "deploy");
			}
			for (SeedGenerator.Approval approval : approvals) {
				assertThat(approval.runId()).isEqualTo(run.id());
				assertThat(approval.createdAt()).isGreaterThanOrEqualTo(run.createdAt());
				if ("pending".equals(approval.status())) {
					assertThat(approval.decidedAt()).isNull();
					assertThat(run.status()).isIn("running", "pending");
				}
				else {
					assertThat(approval.decidedAt()).isNotNull().isGreaterThanOrEqualTo(approval.createdAt());
					assertThat(approval.decidedBy()).endsWith("@example.com");
					if (run.finishedAt() != null) {
						assertThat(approval.decidedAt()).isLessThanOrEqualTo(run.finishedAt());
					}
				}
				if ("success".equals(run.status())) {
					assertThat(approval.status()).isEqualTo("approved");
				}
			}
		}
		assertThat(runsWithApprovals).isBetween(50, 250);
	}

	@Test
	void everyRowIsOneLineOfCopyTextWithItsColumns() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CopyWriter writer = new CopyWriter(bytes::write, 128);
		int rows = 0;
		long logBytes = 0;
		long smallest = Long.MAX_VALUE;
		long largest = 0;
		for (int p = 0; p < 20; p++) {
			ConsoleSeeder.writeProject(this.generator.project(1, p), writer);
			rows++;
			for (SeedGenerator.Run run : this.generator.runs(1, p)) {
				ByteArrayOutputStream log = new ByteArrayOutputStream();
				CopyWriter logWriter = new CopyWriter(log::write, 64);
				this.generator.writeLogs(run, logWriter);
				logWriter.flush();
				if (run.startedAt() != null) {
					smallest = Math.min(smallest, log.size());
					largest = Math.max(largest, log.size());
					logBytes += log.size();
				}
				ConsoleSeeder.writeRun(this.generator, run, writer);
				rows++;
			}
		}
		writer.flush();
		String text = bytes.toString(StandardCharsets.US_ASCII);
		String[] lines = text.split("\n", -1);
		assertThat(lines).hasSize(rows + 1);
		assertThat(lines[rows]).isEmpty();
		assertThat(lines[0].split("\t", -1)).hasSize(13);
		for (int i = 1; i < rows; i++) {
			int columns = lines[i].split("\t", -1).length;
			assertThat(columns).isIn(12, 13);
		}
		assertThat(smallest).isGreaterThan(200);
		assertThat(largest).isBetween(2_000L, 8_000L);
		assertThat(logBytes / (20 * 100)).isBetween(500L, 2_500L);
	}

	@Test
	void writesPostgresTextValues() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CopyWriter writer = new CopyWriter(bytes::write, 16);
		UUID id = UUID.randomUUID();
		writer.uuid(id).tab().timestamp(1_700_000_000_123_456L).tab().decimal6(12_000_034).tab().number(-42).tab();
		writer.text("a\\b\tc\nd\re\u00e9").tab().nul().tab().isoMillis(1_700_000_000_123_456L);
		writer.endRow();
		writer.flush();
		assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo(id
				+ "\t2023-11-14 22:13:20.123456+00\t12.000034\t-42\ta\\\\b\\tc\\nd\\re?\t\\N\t2023-11-14T22:13:20.123Z\n");
		assertThat(writer.bytes()).isEqualTo(bytes.size());
	}

	private static List<SeedGenerator.Run> list(Iterable<SeedGenerator.Run> runs) {
		List<SeedGenerator.Run> list = new ArrayList<>();
		runs.forEach(list::add);
		return list;
	}

}
