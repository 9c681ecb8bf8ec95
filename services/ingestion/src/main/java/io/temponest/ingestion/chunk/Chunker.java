package io.temponest.ingestion.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts text into chunks of at most {@link ChunkingPolicy#size()} characters. Each cut is
 * made, in order of preference, at a paragraph break, a sentence end or whitespace in the
 * second half of the window; failing those, at the last whitespace of the window; only a
 * word longer than the window is cut inside. Each chunk after the first starts about
 * {@link ChunkingPolicy#overlap()} characters before the previous cut, at a word start,
 * and holds text beyond the previous chunk. Chunks are trimmed and never blank. Runs of
 * spaces and tabs become one space, line ends become {@code \n}, and more than one blank
 * line becomes one. The result depends on the text and the policy only.
 */
public final class Chunker {

	private static final Pattern LINE_ENDS = Pattern.compile("\\r\\n?");

	private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f]+");

	private static final Pattern SPACES_AROUND_NEWLINES = Pattern.compile(" ?\\n ?");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	private Chunker() {
	}

	/**
	 * The chunks of a text.
	 * @param text the text
	 * @param policy the chunk size and overlap
	 * @return the chunks in text order; empty for a blank text; one chunk for a text no
	 * longer than the size once normalised
	 */
	public static List<String> chunk(String text, ChunkingPolicy policy) {
		String normalised = normalise(text);
		List<String> chunks = new ArrayList<>();
		if (normalised.isEmpty()) {
			return chunks;
		}
		Cutter cutter = new Cutter(normalised, policy.size());
		int length = normalised.length();
		int start = 0;
		int previousEnd = 0;
		while (true) {
			if (length - start <= policy.size()) {
				chunks.add(normalised.substring(start).strip());
				return chunks;
			}
			int end = cutter.cut(start, previousEnd);
			chunks.add(normalised.substring(start, end).strip());
			if (cutter.nextNonWhitespace(end) >= length) {
				return chunks;
			}
			start = nextStart(normalised, start, end, policy.overlap(), cutter);
			previousEnd = end;
		}
	}

	/**
	 * Where the chunk after the one ending at {@code end} starts: {@code overlap}
	 * characters back, moved forward to a word start, and late enough for the window to
	 * hold the whole word that follows {@code end}.
	 */
	private static int nextStart(String text, int start, int end, int overlap, Cutter cutter) {
		int following = cutter.nextNonWhitespace(end);
		int followingWordEnd = following;
		while (followingWordEnd < text.length() && !Character.isWhitespace(text.charAt(followingWordEnd))) {
			followingWordEnd++;
		}
		int next = Math.max(Math.max(end - overlap, start + 1), followingWordEnd - cutter.size());
		while (next < end && !isWordStart(text, next)) {
			next++;
		}
		return (next < end) ? next : following;
	}

	private static boolean isWordStart(String text, int index) {
		return !Character.isWhitespace(text.charAt(index))
				&& (index == 0 || Character.isWhitespace(text.charAt(index - 1)));
	}

	private static String normalise(String text) {
		String normalised = LINE_ENDS.matcher(text).replaceAll("\n");
		normalised = SPACES.matcher(normalised).replaceAll(" ");
		normalised = SPACES_AROUND_NEWLINES.matcher(normalised).replaceAll("\n");
		normalised = BLANK_LINES.matcher(normalised).replaceAll("\n\n");
		return normalised.strip();
	}

	/** Finds where the window starting at a position is best cut. */
	private record Cutter(String text, int size) {

		/**
		 * The end (exclusive) of the chunk starting at {@code start}, beyond the previous
		 * chunk's end and at most {@code size} characters after the start.
		 */
		int cut(int start, int previousEnd) {
			int windowEnd = start + this.size;
			int lowest = Math.max(start + 1, nextNonWhitespace(previousEnd) + 1);
			int preferred = Math.max(start + this.size / 2, lowest);
			int cut = lastParagraphBreak(preferred, windowEnd);
			if (cut < 0) {
				cut = lastSentenceEnd(preferred, windowEnd);
			}
			if (cut < 0) {
				cut = lastWhitespace(preferred, windowEnd);
			}
			if (cut < 0) {
				cut = lastWhitespace(lowest, windowEnd);
			}
			if (cut < 0) {
				cut = Character.isLowSurrogate(this.text.charAt(windowEnd)) ? windowEnd - 1 : windowEnd;
			}
			return cut;
		}

		int nextNonWhitespace(int from) {
			int index = from;
			while (index < this.text.length() && Character.isWhitespace(this.text.charAt(index))) {
				index++;
			}
			return index;
		}

		private int lastParagraphBreak(int lowest, int highest) {
			for (int cut = highest; cut >= lowest; cut--) {
				if (cut + 1 < this.text.length() && this.text.charAt(cut) == '\n'
						&& this.text.charAt(cut + 1) == '\n') {
					return cut;
				}
			}
			return -1;
		}

		private int lastSentenceEnd(int lowest, int highest) {
			for (int cut = highest; cut >= lowest; cut--) {
				char before = this.text.charAt(cut - 1);
				char at = this.text.charAt(cut);
				boolean afterTerminator = (before == '.' || before == '!' || before == '?')
						&& Character.isWhitespace(at);
				boolean afterFullWidthTerminator = before == '\u3002' || before == '\uFF01' || before == '\uFF1F';
				if (at == '\n' || afterTerminator || afterFullWidthTerminator) {
					return cut;
				}
			}
			return -1;
		}

		private int lastWhitespace(int lowest, int highest) {
			for (int cut = highest; cut >= lowest; cut--) {
				if (Character.isWhitespace(this.text.charAt(cut))) {
					return cut;
				}
			}
			return -1;
		}

	}

}
