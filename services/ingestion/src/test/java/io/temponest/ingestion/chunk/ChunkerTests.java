package io.temponest.ingestion.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunking edge cases and the properties every chunking keeps: bounded size, word
 * boundaries, overlap, coverage of every word in order, determinism.
 */
class ChunkerTests {

	private static final ChunkingPolicy DEFAULT = ChunkingPolicy.platformDefault();

	@Test
	void chunkWhenEmptyOrBlankThenNoChunks() {
		assertThat(Chunker.chunk("", DEFAULT)).isEmpty();
		assertThat(Chunker.chunk(" \n\t\r\n  ", DEFAULT)).isEmpty();
	}

	@Test
	void chunkWhenShortThenOneTrimmedChunk() {
		assertThat(Chunker.chunk("  Hello   world.\tBye \n", DEFAULT)).containsExactly("Hello world. Bye");
	}

	@Test
	void chunkWhenExactlySizeThenOneChunk() {
		String text = "a".repeat(30) + " " + "b".repeat(33);
		assertThat(text).hasSize(64);

		assertThat(Chunker.chunk(text, new ChunkingPolicy(64, 10))).containsExactly(text);
	}

	@Test
	void chunkWhenOneCharacterOverSizeThenTwoChunksCutBetweenWords() {
		String text = "a".repeat(30) + " " + "b".repeat(34);

		assertThat(Chunker.chunk(text, new ChunkingPolicy(64, 10))).containsExactly("a".repeat(30), "b".repeat(34));
	}

	@Test
	void chunkWhenWordLongerThanWindowThenCutHardWithoutLosingCharacters() {
		String word = IntStream.range(0, 300)
			.mapToObj((i) -> String.valueOf((char) ('a' + i % 26)))
			.reduce("", String::concat);

		List<String> chunks = Chunker.chunk("start " + word + " end", new ChunkingPolicy(100, 20));

		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk).hasSizeLessThanOrEqualTo(100));
		assertThat(chunks.get(0)).isEqualTo("start");
		assertThat(String.join("", chunks.subList(1, chunks.size() - 1))).isEqualTo(word);
		assertThat(chunks.get(chunks.size() - 1)).isEqualTo("end");
	}

	@Test
	void chunkWhenSentencesThenCutAfterSentenceEnds() {
		String text = sentences(40, 8);

		List<String> chunks = Chunker.chunk(text, new ChunkingPolicy(200, 0));

		assertThat(chunks).hasSizeGreaterThan(3);
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> assertThat(chunk).endsWith("."));
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk).matches("w\\d+ .*"));
	}

	@Test
	void chunkWhenParagraphBreakInSecondHalfThenPreferredOverLaterSentenceEnd() {
		String first = "First paragraph sentence one. First paragraph sentence two is here.";
		String second = "Second paragraph. It goes on. And on. And on for a while longer than the window.";

		List<String> chunks = Chunker.chunk(first + "\n\n" + second, new ChunkingPolicy(100, 0));

		assertThat(chunks.get(0)).isEqualTo(first);
	}

	@Test
	void chunkWhenNoSentenceEndThenCutAtWhitespaceNeverInsideWord() {
		String text = words(0, 200);

		List<String> chunks = Chunker.chunk(text, new ChunkingPolicy(64, 0));

		List<String> words = Arrays.asList(text.split(" "));
		assertThat(chunks).allSatisfy((chunk) -> assertThat(words).containsAll(Arrays.asList(chunk.split(" "))));
		assertThat(String.join(" ", chunks)).isEqualTo(text);
	}

	@Test
	void chunkWhenOverlapThenNextChunkStartsAtAWordFromTheEndOfThePreviousOne() {
		String text = words(0, 400);
		ChunkingPolicy policy = new ChunkingPolicy(100, 30);

		List<String> chunks = Chunker.chunk(text, policy);

		assertThat(chunks).hasSizeGreaterThan(5);
		for (int i = 1; i < chunks.size(); i++) {
			String previous = chunks.get(i - 1);
			String current = chunks.get(i);
			String shared = sharedWords(previous, current);
			assertThat(shared).as("overlap between chunk %d and %d", i - 1, i).isNotEmpty();
			assertThat(shared.length()).isLessThanOrEqualTo(policy.overlap());
			assertThat(previous).endsWith(" " + shared);
		}
	}

	@Test
	void chunkWhenCoveringTextThenEveryWordInOrderAndEachChunkAddsNewWords() {
		Random random = new Random(42);
		StringBuilder text = new StringBuilder();
		int word = 0;
		for (int paragraph = 0; paragraph < 20; paragraph++) {
			for (int sentence = 0; sentence < 1 + random.nextInt(6); sentence++) {
				int length = 1 + random.nextInt(25);
				text.append(words(word, word + length)).append(random.nextBoolean() ? ". " : "!\t  ");
				word += length;
			}
			text.append(random.nextBoolean() ? "\n\n" : "\n");
		}

		for (ChunkingPolicy policy : List.of(new ChunkingPolicy(64, 0), new ChunkingPolicy(64, 63),
				new ChunkingPolicy(100, 20), DEFAULT, new ChunkingPolicy(1000, 999))) {
			List<String> chunks = Chunker.chunk(text.toString(), policy);
			assertThat(chunks).allSatisfy((chunk) -> {
				assertThat(chunk).hasSizeLessThanOrEqualTo(policy.size()).isNotBlank().isEqualTo(chunk.strip());
				assertThat(chunk).doesNotContain("  ", "\t");
			});
			assertThat(reassemble(chunks)).as("words of %s", policy).isEqualTo(wordsOf(text.toString()));
			String normalised = text.toString().replaceAll("[ \t]+", " ").replaceAll(" ?\n ?", "\n").strip();
			assertThat(chunks).allSatisfy((chunk) -> assertThat(isCutBetweenWords(normalised, chunk))
				.as("%s cut between words in %s", chunk, policy)
				.isTrue());
		}
	}

	@Test
	void chunkWhenTextEndsWithinOverlapThenNoTrailingChunkOfOverlapOnly() {
		String text = words(0, 30) + ". " + words(30, 32);

		List<String> chunks = Chunker.chunk(text, new ChunkingPolicy(64, 60));

		for (int i = 1; i < chunks.size(); i++) {
			assertThat(chunks.get(i - 1)).doesNotContain(chunks.get(i));
		}
		assertThat(reassemble(chunks)).isEqualTo(wordsOf(text));
	}

	@Test
	void chunkWhenUnicodeThenSurrogatePairsNeverSplit() {
		String emoji = "🌍".repeat(100);
		String cjk = "知識は力なり。".repeat(30);

		for (String text : List.of(emoji, cjk, "Grüße " + emoji + " 世界")) {
			List<String> chunks = Chunker.chunk(text, new ChunkingPolicy(64, 0));
			assertThat(chunks).allSatisfy((chunk) -> {
				assertThat(chunk).hasSizeLessThanOrEqualTo(64);
				assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
				assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
			});
			assertThat(String.join("", chunks).replace(" ", "")).isEqualTo(text.replace(" ", ""));
		}
		assertThat(Chunker.chunk(cjk, new ChunkingPolicy(64, 0)))
			.allSatisfy((chunk) -> assertThat(chunk).endsWith("。"));
	}

	@ParameterizedTest
	@CsvSource({ "64, 0", "64, 63", "512, 50", "300, 299" })
	void chunkWhenRunTwiceThenSameChunks(int size, int overlap) {
		String text = sentences(200, 12);
		ChunkingPolicy policy = new ChunkingPolicy(size, overlap);

		assertThat(Chunker.chunk(text, policy)).isEqualTo(Chunker.chunk(text, policy))
			.allSatisfy((chunk) -> assertThat(chunk).hasSizeLessThanOrEqualTo(size));
	}

	@Test
	void chunkWhenSpacesTabsAndLineEndsThenNormalised() {
		String text = "one \t two\r\nthree   \n\n\n\n  four";

		assertThat(Chunker.chunk(text, DEFAULT)).containsExactly("one two\nthree\n\nfour");
	}

	private static String words(int from, int to) {
		return String.join(" ", IntStream.range(from, to).mapToObj((i) -> "w" + i).toList());
	}

	private static String sentences(int count, int wordsPerSentence) {
		StringBuilder text = new StringBuilder();
		for (int sentence = 0; sentence < count; sentence++) {
			int from = sentence * wordsPerSentence;
			text.append(words(from, from + wordsPerSentence)).append(". ");
		}
		return text.toString();
	}

	private static boolean isCutBetweenWords(String text, String chunk) {
		int at = text.indexOf(chunk);
		int end = at + chunk.length();
		return at >= 0 && (at == 0 || Character.isWhitespace(text.charAt(at - 1)))
				&& (end == text.length() || Character.isWhitespace(text.charAt(end)));
	}

	private static List<String> wordsOf(String text) {
		return Arrays.stream(text.split("[\\s.!]+")).filter((word) -> !word.isEmpty()).toList();
	}

	/**
	 * The words of consecutive chunks with each chunk's overlap with the words so far
	 * (the longest suffix that is a prefix of the chunk) removed. Fails if a chunk adds
	 * no word.
	 */
	private static List<String> reassemble(List<String> chunks) {
		List<String> words = new ArrayList<>();
		for (String chunk : chunks) {
			List<String> chunkWords = wordsOf(chunk);
			int overlap = Math.min(words.size(), chunkWords.size());
			while (overlap > 0
					&& !words.subList(words.size() - overlap, words.size()).equals(chunkWords.subList(0, overlap))) {
				overlap--;
			}
			assertThat(chunkWords.size()).as("new words in chunk %s", chunk).isGreaterThan(overlap);
			words.addAll(chunkWords.subList(overlap, chunkWords.size()));
		}
		return words;
	}

	/** The words a chunk starts with that the previous chunk ends with. */
	private static String sharedWords(String previous, String current) {
		List<String> currentWords = Arrays.asList(current.split(" "));
		for (int count = currentWords.size(); count > 0; count--) {
			String candidate = String.join(" ", currentWords.subList(0, count));
			if (previous.endsWith(" " + candidate)) {
				return candidate;
			}
		}
		return "";
	}

}
