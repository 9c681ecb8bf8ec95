package io.temponest.ingestion.quality;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shape of the retrieval-quality corpus in {@code quality/}: 36 one-paragraph Markdown
 * files that each fit one 512-character chunk, and 24 questions naming existing files.
 */
class CorpusSanityTests {

	private static final int CHUNK_SIZE = 512;

	private static final int MIN_PARAGRAPH = 350;

	private static final int MAX_PARAGRAPH = 500;

	@Test
	void corpusWhenListedThenThirtySixMarkdownFilesWithDistinctTitles() throws IOException {
		List<Path> files = corpusFiles();
		assertThat(files).hasSize(36).allSatisfy((file) -> assertThat(file.toString()).endsWith(".md"));
		assertThat(files.stream().map(CorpusSanityTests::title)).doesNotHaveDuplicates();
	}

	@Test
	void corpusFileWhenReadThenTitleBlankLineAndOneParagraphThatFitsOneChunk() throws IOException {
		for (Path file : corpusFiles()) {
			String text = read(file);
			String[] lines = text.strip().split("\n");
			String name = file.getFileName().toString();
			assertThat(lines).as(name).hasSize(3);
			assertThat(lines[0]).as(name).startsWith("# ").hasSizeGreaterThan(2);
			assertThat(lines[1]).as(name).isEmpty();
			assertThat(lines[2].length()).as(name).isBetween(MIN_PARAGRAPH, MAX_PARAGRAPH);
			assertThat(text.length()).as(name).isLessThanOrEqualTo(CHUNK_SIZE);
		}
	}

	@Test
	void questionsWhenParsedThenTwentyFourDistinctQuestionsNamingExistingFiles() throws IOException {
		List<String> names = corpusFiles().stream().map((file) -> file.getFileName().toString()).toList();
		List<String> lines = read(resource("quality/questions.tsv")).lines().toList();
		assertThat(lines).hasSize(24);
		for (String line : lines) {
			String[] fields = line.split("\t", -1);
			assertThat(fields).as(line).hasSize(2);
			assertThat(fields[0]).as(line).isNotBlank().isEqualTo(fields[0].strip());
			assertThat(fields[1]).as(line).isIn(names);
		}
		assertThat(lines.stream().map((line) -> line.split("\t")[0].toLowerCase())).doesNotHaveDuplicates();
	}

	private static List<Path> corpusFiles() throws IOException {
		try (Stream<Path> files = Files.list(resource("quality/corpus"))) {
			return files.sorted().toList();
		}
	}

	private static String title(Path file) {
		try {
			return read(file).lines().findFirst().orElse("");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	private static Path resource(String name) {
		URL url = Objects.requireNonNull(CorpusSanityTests.class.getClassLoader().getResource(name), name);
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
