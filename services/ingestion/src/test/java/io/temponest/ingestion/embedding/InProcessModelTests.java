package io.temponest.ingestion.embedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process model: its files copied once into the model directory and reused, and
 * unit vectors of 384 dimensions that place related texts closer than unrelated ones.
 */
class InProcessModelTests {

	@Test
	void loadWhenDirectoryEmptyThenCopiesFilesAndReusesThemAfterwards(@TempDir Path directory) throws Exception {
		EmbeddingModel first = InProcessModel.load(directory);
		Path model = directory.resolve("all-minilm-l6-v2-q.onnx");
		assertThat(model).isRegularFile();
		assertThat(Files.size(model)).isGreaterThan(1_000_000);
		FileTime marked = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
		Files.setLastModifiedTime(model, marked);

		EmbeddingModel second = InProcessModel.load(directory);

		assertThat(Files.getLastModifiedTime(model)).isEqualTo(marked);
		try (var files = Files.list(directory)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.noneMatch((name) -> name.endsWith(".partial"));
		}
		float[] vector = second.embed("hello").content().vector();
		assertThat(vector).hasSize(InProcessModel.DIMENSION);
		assertThat(first.embed("hello").content().vector()).containsExactly(vector);
	}

	@Test
	void embedWhenRelatedTextsThenCloserThanUnrelated(@TempDir Path directory) {
		Embedder embedder = new Embedder(Embedders.IN_PROCESS_MODEL, InProcessModel.DIMENSION,
				InProcessModel.load(directory));

		float[] backups = embedder.embed("Database backups are taken every night.");
		float[] restore = embedder.embed("How often do we back up the database?");
		float[] lunch = embedder.embed("The canteen serves pasta on Fridays.");

		assertThat(norm(backups)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
		assertThat(dot(backups, restore)).isGreaterThan(dot(backups, lunch) + 0.2);
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private static double norm(float[] a) {
		return Math.sqrt(dot(a, a));
	}

}
