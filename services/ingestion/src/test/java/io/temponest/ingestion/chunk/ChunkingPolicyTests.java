package io.temponest.ingestion.chunk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The bounds of a chunking policy.
 */
class ChunkingPolicyTests {

	@Test
	void platformDefaultWhenAskedThen512With50() {
		assertThat(ChunkingPolicy.platformDefault()).isEqualTo(new ChunkingPolicy(512, 50));
	}

	@ParameterizedTest
	@CsvSource({ "64, 0", "64, 63", "8192, 8191", "512, 50" })
	void constructWhenWithinBoundsThenAccepted(int size, int overlap) {
		assertThatNoException().isThrownBy(() -> new ChunkingPolicy(size, overlap));
	}

	@ParameterizedTest
	@CsvSource({ "63, 0", "8193, 0", "0, 0", "-1, 0", "512, 512", "512, 600", "512, -1" })
	void constructWhenOutOfBoundsThenRejected(int size, int overlap) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChunkingPolicy(size, overlap));
	}

}
