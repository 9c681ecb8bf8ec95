package io.temponest.ingestion.parse;

/**
 * Extracts the text of uploaded documents within {@link ParserLimits}. Whatever goes
 * wrong inside a parser library, including running out of memory, ends as an
 * {@link UnreadableDocumentException} with a reason for the end user; no partial text is
 * ever returned. Thread-safe.
 * <p>
 * Constructing a parser sets the process-wide zip-bomb limits of Apache POI from its
 * limits (see {@link ZipContainerLimits}).
 */
public final class DocumentParser {

	private final ParserLimits limits;

	/**
	 * A parser with the given limits, which also become POI's process-wide zip limits.
	 * @param limits the limits
	 */
	public DocumentParser(ParserLimits limits) {
		this.limits = limits;
		ZipContainerLimits.install(limits);
	}

	/**
	 * The text of a document.
	 * @param type the document's type (see {@link DocumentType#detect})
	 * @param content the document's bytes
	 * @return the text, lines separated by {@code \n}, never blank
	 * @throws UnreadableDocumentException when the document is empty, not what its type
	 * says, protected, a possible zip bomb, without text, or longer than the limit
	 */
	public ParsedText parse(DocumentType type, byte[] content) throws UnreadableDocumentException {
		if (content.length == 0) {
			throw UnreadableDocumentException.empty();
		}
		ParsedText extracted = extract(type, content);
		String text = normalise(extracted.text());
		if (text.isBlank()) {
			throw UnreadableDocumentException.noText();
		}
		if (text.length() > this.limits.maxCharacters()) {
			throw UnreadableDocumentException.tooLong(this.limits.maxCharacters());
		}
		return new ParsedText(text, extracted.pages());
	}

	private ParsedText extract(DocumentType type, byte[] content) throws UnreadableDocumentException {
		int maxCharacters = this.limits.maxCharacters();
		try {
			return switch (type) {
				case PDF -> PdfText.extract(content, maxCharacters);
				case DOCX -> new ParsedText(DocxText.extract(content, maxCharacters), 1);
				case MARKDOWN -> new ParsedText(MarkdownText.extract(content), 1);
				case HTML -> new ParsedText(HtmlText.extract(content), 1);
				case TEXT -> new ParsedText(PlainText.decode(content), 1);
			};
		}
		catch (UnreadableDocumentException ex) {
			throw ex;
		}
		catch (OutOfMemoryError | StackOverflowError ex) {
			throw UnreadableDocumentException.tooComplex(type, ex);
		}
		catch (Exception ex) {
			if (type == DocumentType.DOCX) {
				throw ZipContainerLimits.zipBomb(type, ex)
					.orElseGet(() -> UnreadableDocumentException.invalid(type, ex));
			}
			throw UnreadableDocumentException.invalid(type, ex);
		}
	}

	private static String normalise(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replace("\u0000", "").strip();
	}

}
