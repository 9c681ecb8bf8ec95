package io.temponest.ingestion.parse;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static io.temponest.ingestion.parse.SampleDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Markdown and HTML into text: entities decoded, blocks on lines of their own, scripts
 * and styles dropped.
 */
class DocumentParserMarkupTests {

	private final DocumentParser parser = new DocumentParser(ParserLimits.defaults());

	@Test
	void parseWhenMarkdownThenEntitiesDecodedAndBlocksOnOwnLines() throws UnreadableDocumentException {
		String markdown = """
				# Test Document

				Fish &amp; chips &lt;3 &copy; with **bold** and [a link](https://example.com).

				## Section 2

				- first item
				- second item

				```java
				int x = a < b ? 1 : 2;
				  indented();
				```

				<script>alert("x")</script>
				""";

		String text = this.parser.parse(DocumentType.MARKDOWN, utf8(markdown)).text();

		assertThat(text).isEqualTo("""
				Test Document
				Fish & chips <3 © with bold and a link.
				Section 2
				first item
				second item
				int x = a < b ? 1 : 2;
				  indented();""");
	}

	@Test
	void parseWhenMarkdownOnlyMarkupThenUnreadableAsNoText() {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.MARKDOWN, utf8("---\n\n<!-- nothing -->\n")))
			.withMessage("no text could be extracted");
	}

	@Test
	void parseWhenHtmlThenBlocksOnOwnLinesAndScriptsDropped() throws UnreadableDocumentException {
		String html = """
				<!DOCTYPE html>
				<html><head><title>Title</title><style>p { color: red }</style>
				<script>var hidden = 1;</script></head>
				<body>
				  <h1>Heading</h1>
				  <p>First &amp; <b>bold</b>
				     paragraph</p>
				  <div>Block<br>next line</div>
				  <ul><li>one</li><li>two</li></ul>
				  <table><tr><td>cell A</td><td>cell B</td></tr></table>
				  <pre>  keep
				    spacing</pre>
				  <script>evil()</script><noscript>enable JS</noscript>
				</body></html>
				""";

		String text = this.parser.parse(DocumentType.HTML, utf8(html)).text();

		assertThat(text).isEqualTo("""
				Heading
				First & bold paragraph
				Block
				next line
				one
				two
				cell A
				cell B
				  keep
				    spacing""");
	}

	@Test
	void parseWhenHtmlDeclaresLatin1ThenDecodedInThatCharset() throws UnreadableDocumentException {
		byte[] html = "<html><head><meta charset=\"ISO-8859-1\"></head><body><p>Caf\u00e9</p></body></html>"
			.getBytes(StandardCharsets.ISO_8859_1);

		assertThat(this.parser.parse(DocumentType.HTML, html).text()).isEqualTo("Caf\u00e9");
	}

	@Test
	void parseWhenHtmlHasOnlyScriptsThenUnreadableAsNoText() {
		byte[] html = utf8("<html><body><script>document.write('hi')</script><style>b{}</style></body></html>");

		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.parser.parse(DocumentType.HTML, html))
			.withMessage("no text could be extracted");
	}

}
