package io.temponest.bench.dbscheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The peer's arguments and the completions it dumps for bench/scheduler-bench.sh. */
class DbSchedulerPeerTests {

	@Test
	void settingsWhenOnlyTheRequiredGivenThenTheIssuesConfiguration() {
		DbSchedulerPeer.Settings settings = DbSchedulerPeer.Settings
			.parse(new String[] { "--db-url=jdbc:postgresql://127.0.0.1:5432/temponest_bench", "--db-user=owner",
					"--agents-url=http://127.0.0.1:9191", "--port=9105", "--out=/tmp/peer.tsv" });

		assertThat(settings.threads()).isEqualTo(64);
		assertThat(settings.pool()).isEqualTo(12);
		assertThat(settings.schema()).isEqualTo("db_scheduler_peer");
		assertThat(settings.pollIntervalMs()).isEqualTo(1000);
		assertThat(settings.dbPassword()).isEmpty();
		assertThat(settings.out()).isEqualTo(Path.of("/tmp/peer.tsv"));
	}

	@Test
	void settingsWhenRequiredMissingOrNotNameValueThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> DbSchedulerPeer.Settings.parse(new String[] {}))
			.withMessageContaining("--db-url=");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DbSchedulerPeer.Settings.parse(new String[] { "--threads", "64" }))
			.withMessageContaining("Not --name=value");
	}

	@Test
	void completionsWhenWrittenThenOneLinePerExecutionAndCounted(@TempDir Path dir) throws IOException {
		Completions completions = new Completions();
		completions.add("peer-1", 1000, 1005);
		completions.add("peer-2", 1001, 1009);
		completions.failed();

		Path out = dir.resolve("completions.tsv");
		assertThat(completions.write(out)).isEqualTo(2);

		assertThat(Files.readAllLines(out)).containsExactlyInAnyOrder("peer-1\t1000\t1005", "peer-2\t1001\t1009");
		assertThat(completions.stats()).isEqualTo("PEER completed=2 failed=1");
	}

}
