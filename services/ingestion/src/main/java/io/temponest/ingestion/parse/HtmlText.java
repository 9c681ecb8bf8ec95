package io.temponest.ingestion.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The visible text of an HTML document: block elements and line breaks on lines of their
 * own, whitespace collapsed outside preformatted text, scripts, styles and the head
 * dropped.
 */
final class HtmlText {

	private static final String INVISIBLE = "script, style, noscript, template, object, embed, iframe";

	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

	private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

	private static final Set<String> PREFORMATTED = Set.of("pre", "textarea", "listing", "plaintext");

	private HtmlText() {
	}

	/**
	 * The text of HTML bytes, in the charset the document declares (UTF-8 by default).
	 * @param content the HTML bytes
	 * @return the text
	 * @throws IOException when the bytes cannot be read
	 */
	static String extract(byte[] content) throws IOException {
		return text(Jsoup.parse(new ByteArrayInputStream(content), null, ""));
	}

	/**
	 * The text of an HTML string.
	 * @param html the HTML
	 * @return the text
	 */
	static String fromHtml(String html) {
		return text(Jsoup.parse(html));
	}

	private static String text(Document document) {
		Element body = document.body();
		body.select(INVISIBLE).remove();
		Lines lines = new Lines();
		NodeTraversor.traverse(lines, body);
		return lines.toString();
	}

	private static boolean preformatted(Node node) {
		for (Node parent = node.parentNode(); parent != null; parent = parent.parentNode()) {
			if (parent instanceof Element element && PREFORMATTED.contains(element.normalName())) {
				return true;
			}
		}
		return false;
	}

	/** Collects text nodes into lines, breaking at block elements. */
	private static final class Lines implements NodeVisitor {

		private final StringBuilder out = new StringBuilder();

		@Override
		public void head(Node node, int depth) {
			if (node instanceof TextNode text) {
				if (preformatted(text)) {
					this.out.append(text.getWholeText());
				}
				else {
					appendCollapsed(text.getWholeText());
				}
			}
			else if (node instanceof Element element) {
				if (element.normalName().equals("br")) {
					endLine(true);
				}
				else if (element.isBlock()) {
					endLine(false);
				}
			}
		}

		@Override
		public void tail(Node node, int depth) {
			if (node instanceof Element element && element.isBlock()) {
				endLine(false);
			}
		}

		private void appendCollapsed(String text) {
			String collapsed = WHITESPACE.matcher(text).replaceAll(" ");
			if (collapsed.startsWith(" ") && (this.out.isEmpty() || endsWith('\n') || endsWith(' '))) {
				collapsed = collapsed.substring(1);
			}
			this.out.append(collapsed);
		}

		private void endLine(boolean always) {
			while (endsWith(' ')) {
				this.out.setLength(this.out.length() - 1);
			}
			if (always || (!this.out.isEmpty() && !endsWith('\n'))) {
				this.out.append('\n');
			}
		}

		private boolean endsWith(char c) {
			return !this.out.isEmpty() && this.out.charAt(this.out.length() - 1) == c;
		}

		@Override
		public String toString() {
			return BLANK_LINES.matcher(this.out).replaceAll("\n\n").strip();
		}

	}

}
