package io.temponest.agents.llm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed answer body lets go of its deadline at once: nothing of a finished call stays
 * queued until the call's timeout (the heap would hold every answer of the last two
 * minutes).
 */
class DeadlineInputStreamTests {

	@Test
	void closeWhenDeadlineFarThenNoTimerLeftQueued() throws IOException {
		int before = DeadlineInputStream.pendingDeadlines();
		for (int i = 0; i < 500; i++) {
			try (InputStream body = new DeadlineInputStream(
					new ByteArrayInputStream("answer".getBytes(StandardCharsets.UTF_8)), Duration.ofHours(1))) {
				assertThat(body.readAllBytes()).hasSize(6);
			}
		}

		assertThat(DeadlineInputStream.pendingDeadlines()).isLessThanOrEqualTo(before);
	}

}
