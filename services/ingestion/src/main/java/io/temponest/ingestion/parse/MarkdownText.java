package io.temponest.ingestion.parse;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The text of a CommonMark document: rendered to HTML, whose text is then taken like any
 * HTML's, so entities are decoded, embedded HTML tags dropped, and headings, paragraphs,
 * list items and code blocks are on lines of their own.
 */
final class MarkdownText {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();

	private MarkdownText() {
	}

	static String extract(byte[] content) throws UnreadableDocumentException {
		String markdown = PlainText.decode(content);
		return HtmlText.fromHtml(RENDERER.render(PARSER.parse(markdown)));
	}

}
