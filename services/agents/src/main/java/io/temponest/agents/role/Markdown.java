package io.temponest.agents.role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reading the markdown an LLM writes: fenced code blocks (with the file they name),
 * sections under known headings and list items. Every method is linear in the text and
 * never throws; regular expressions only run on lines of bounded length.
 */
final class Markdown {

	/** Longest line that can be a heading or a list marker worth looking at. */
	private static final int MAX_MARKUP_LINE = 300;

	private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*)$");

	private static final Pattern BOLD_HEADING = Pattern.compile("^\\s*\\*\\*([^*]{1,80})\\*\\*\\s*(.*)$");

	private static final Pattern LABEL = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9 _/&-]{0,60})\\s*:\\s*(.*)$");

	private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)(?:[-*+•]|\\d{1,3}[.)])\\s+(.*)$");

	private static final Pattern CHECKBOX = Pattern.compile("^\\[[ xX]\\]\\s+");

	private static final Pattern LEADING_NUMBER = Pattern.compile("^\\d{1,3}[.)]\\s*");

	private static final Pattern FILE_MARKER = Pattern
		.compile("^\\s*(?://|#|--|;|<!--|/\\*)\\s*(?i:file(?:name)?|path)\\s*:\\s*(\\S{1,200}?)\\s*(?:-->|\\*/)?\\s*$");

	private static final Pattern PATH = Pattern.compile("[\\w@~+-][\\w@~+./\\\\-]{0,199}");

	private static final Pattern DOTFILE = Pattern.compile("\\.[A-Za-z][\\w.-]{0,60}");

	private Markdown() {
	}

	/**
	 * A fenced code block.
	 *
	 * @param language the first word of the info string, lower case ({@code ""} if none)
	 * @param path the file the block names ({@code ""} if none)
	 * @param content the code, without the fences and without a file-marker line
	 */
	record Block(String language, String path, String content) {

	}

	/**
	 * The fenced code blocks of a text, in order; an unclosed block (an answer cut off at
	 * its token limit) runs to the end. A block names a file by its info string
	 * ({@code ```java src/Main.java}, {@code ```src/Main.java}, {@code ```java
	 * title="src/Main.java"}), by a first-line comment ({@code // File: src/Main.java},
	 * {@code # file: app.py}, {@code -- file: V1.sql}, {@code <!-- file: a.html -->}), or
	 * by the line just before the fence holding nothing but a path ({@code **src/a.py**},
	 * {@code `src/a.py`:}, {@code File: src/a.py}).
	 * @param text the text
	 * @return the blocks
	 */
	static List<Block> blocks(String text) {
		List<Block> blocks = new ArrayList<>();
		String[] lines = lines(text);
		int i = 0;
		while (i < lines.length) {
			String fence = fence(lines[i]);
			if (fence == null) {
				i++;
				continue;
			}
			String info = lines[i].strip().substring(fence.length()).strip();
			String previous = (i > 0) ? lines[i - 1] : "";
			List<String> body = new ArrayList<>();
			i++;
			while (i < lines.length && !closes(lines[i], fence)) {
				body.add(lines[i]);
				i++;
			}
			i++;
			blocks.add(block(info, previous, body));
		}
		return blocks;
	}

	private static Block block(String info, String previous, List<String> body) {
		String[] words = info.isEmpty() ? new String[0] : info.split("\\s+", 3);
		String language = (words.length > 0) ? words[0].toLowerCase(Locale.ROOT) : "";
		String path = "";
		if (looksLikePath(language)) {
			path = words[0];
			language = extension(path);
		}
		else if (words.length > 1) {
			String candidate = words[1].replaceFirst("^(?:title|file|filename|path)=", "").replace("\"", "");
			path = looksLikePath(candidate) ? candidate : "";
		}
		if (!body.isEmpty() && body.get(0).length() <= MAX_MARKUP_LINE) {
			Matcher marker = FILE_MARKER.matcher(body.get(0));
			if (marker.matches()) {
				path = path.isEmpty() ? marker.group(1) : path;
				body = body.subList(1, body.size());
			}
		}
		if (path.isEmpty()) {
			path = pathLine(previous);
		}
		return new Block(language, path, String.join("\n", body));
	}

	private static String pathLine(String line) {
		if (line.length() > MAX_MARKUP_LINE) {
			return "";
		}
		String candidate = line.strip().replaceAll("[*`#]", "").strip();
		candidate = candidate.replaceFirst("^(?i:file(?:name)?|path)\\s*:\\s*", "");
		candidate = candidate.endsWith(":") ? candidate.substring(0, candidate.length() - 1).strip() : candidate;
		return looksLikePath(candidate) ? candidate : "";
	}

	private static boolean looksLikePath(String word) {
		if (!PATH.matcher(word).matches() && !DOTFILE.matcher(word).matches()) {
			return false;
		}
		return word.indexOf('/') >= 0 || word.matches(".*[^.]\\.[A-Za-z][A-Za-z0-9]{0,9}")
				|| DOTFILE.matcher(word).matches() || word.equals("Dockerfile") || word.equals("Makefile");
	}

	private static String extension(String path) {
		int dot = path.lastIndexOf('.');
		int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
		return (dot > slash + 1) ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
	}

	private static @Nullable String fence(String line) {
		String stripped = line.strip();
		if (line.length() > MAX_MARKUP_LINE || stripped.length() < 3) {
			return null;
		}
		char c = stripped.charAt(0);
		if (c != '`' && c != '~') {
			return null;
		}
		int n = 0;
		while (n < stripped.length() && stripped.charAt(n) == c) {
			n++;
		}
		if (n < 3 || (c == '`' && stripped.indexOf('`', n) >= 0)) {
			return null;
		}
		return stripped.substring(0, n);
	}

	private static boolean closes(String line, String fence) {
		String stripped = line.strip();
		if (stripped.length() < fence.length() || stripped.length() > MAX_MARKUP_LINE) {
			return false;
		}
		for (int i = 0; i < stripped.length(); i++) {
			if (stripped.charAt(i) != fence.charAt(0)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The text under each known heading. A heading is a markdown heading
	 * ({@code ## Plan}), a bold line ({@code **Plan:**}), a label line ({@code PLAN:}
	 * with optional text after the colon, which starts the section) or a line holding
	 * just the name; names match case-insensitively, ignoring punctuation, underscores
	 * and a leading number ({@code NEXT_STEPS}, {@code ## 3. Next steps}). Lines inside
	 * code fences are never headings. A section runs to the next known heading, or to an
	 * unknown markdown heading of the same or a higher level (label and bold headings
	 * count as level 2). A name that appears twice gets both texts.
	 * @param text the text
	 * @param names the section keys by their accepted names, normalised with
	 * {@link #normalise(String)}
	 * @return the texts by section key, in order of appearance
	 */
	static Map<String, String> sections(String text, Map<String, String> names) {
		Map<String, StringBuilder> sections = new LinkedHashMap<>();
		StringBuilder current = null;
		int level = 0;
		String fence = null;
		for (String line : lines(text)) {
			if (fence != null) {
				fence = closes(line, fence) ? null : fence;
				append(current, line);
				continue;
			}
			fence = fence(line);
			Heading heading = (fence == null) ? heading(line, names) : null;
			if (heading == null) {
				append(current, line);
			}
			else if (heading.key() != null) {
				current = sections.computeIfAbsent(heading.key(), (key) -> new StringBuilder());
				level = heading.level();
				append(current, heading.rest());
			}
			else if (heading.level() <= level) {
				current = null;
				level = 0;
			}
			else {
				append(current, line);
			}
		}
		Map<String, String> result = new LinkedHashMap<>();
		sections.forEach((key, body) -> result.put(key, body.toString().strip()));
		return result;
	}

	private static void append(@Nullable StringBuilder section, String line) {
		if (section != null && !(section.isEmpty() && line.isBlank())) {
			section.append(line).append('\n');
		}
	}

	private record Heading(@Nullable String key, int level, String rest) {

	}

	private static @Nullable Heading heading(String line, Map<String, String> names) {
		if (line.length() > MAX_MARKUP_LINE || line.isBlank()) {
			return null;
		}
		Matcher atx = ATX_HEADING.matcher(line);
		if (atx.matches()) {
			String title = atx.group(2).replaceAll("#+\\s*$", "");
			return new Heading(names.get(normalise(title)), atx.group(1).length(), "");
		}
		Matcher bold = BOLD_HEADING.matcher(line);
		if (bold.matches()) {
			String key = names.get(normalise(bold.group(1)));
			if (key != null) {
				return new Heading(key, 2, bold.group(2).replaceFirst("^:\\s*", ""));
			}
		}
		Matcher label = LABEL.matcher(line.replace("**", ""));
		if (label.matches()) {
			String key = names.get(normalise(label.group(1)));
			if (key != null) {
				return new Heading(key, 2, label.group(2));
			}
		}
		String key = names.get(normalise(line));
		return (key != null) ? new Heading(key, 2, "") : null;
	}

	/**
	 * A heading or label as a lookup key: lower case, a leading number dropped, every run
	 * of other characters than letters and digits one space.
	 * @param title the heading
	 * @return the key
	 */
	static String normalise(String title) {
		String plain = title.strip().replaceAll("[*_`#]", " ").strip();
		plain = LEADING_NUMBER.matcher(plain).replaceFirst("");
		return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
	}

	/**
	 * The list items of a text ({@code -}, {@code *}, {@code +}, {@code •} or
	 * {@code 1.}/{@code 1)} markers, checkboxes dropped, bold and code markers removed).
	 * Deeper-indented items and indented lines continue the item above them; code fences
	 * are skipped. A text without any list marker gives one item per non-blank line.
	 * @param text the text
	 * @return the items
	 */
	static List<String> items(String text) {
		List<String> items = new ArrayList<>();
		List<String> plainLines = new ArrayList<>();
		int indent = -1;
		String fence = null;
		for (String line : lines(text)) {
			if (fence != null) {
				fence = closes(line, fence) ? null : fence;
				continue;
			}
			fence = fence(line);
			if (fence != null || line.isBlank()) {
				continue;
			}
			Matcher item = (line.length() <= MAX_MARKUP_LINE) ? LIST_ITEM.matcher(line) : null;
			if (item != null && item.matches() && (indent < 0 || item.group(1).length() <= indent)) {
				indent = item.group(1).length();
				items.add(inline(CHECKBOX.matcher(item.group(2)).replaceFirst("")));
			}
			else if (!items.isEmpty() && Character.isWhitespace(line.charAt(0))) {
				String continuation = (item != null && item.matches()) ? item.group(2) : line;
				int last = items.size() - 1;
				items.set(last, (items.get(last) + " " + inline(continuation)).strip());
			}
			else if (items.isEmpty()) {
				plainLines.add(inline(line));
			}
		}
		return items.isEmpty() ? plainLines : items;
	}

	/**
	 * A line without bold, italic-underscore and inline-code markers, trimmed.
	 * @param line the line
	 * @return the plain line
	 */
	static String inline(String line) {
		return line.replace("**", "").replace("__", "").replace("`", "").strip();
	}

	/**
	 * The text without its fenced code blocks.
	 * @param text the text
	 * @return the prose
	 */
	static String prose(String text) {
		StringBuilder prose = new StringBuilder();
		String fence = null;
		for (String line : lines(text)) {
			if (fence != null) {
				fence = closes(line, fence) ? null : fence;
				continue;
			}
			fence = fence(line);
			if (fence == null) {
				prose.append(line).append('\n');
			}
		}
		return prose.toString().strip();
	}

	private static String[] lines(String text) {
		return text.split("\\r?\\n", -1);
	}

}
