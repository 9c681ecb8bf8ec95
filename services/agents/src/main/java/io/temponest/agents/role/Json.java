package io.temponest.agents.role;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in prompts and answers: the context rendered for the model, the first JSON object
 * an answer holds, and loose values coerced to the types a result uses.
 */
final class Json {

	/** How many opening braces are tried before a text counts as holding no object. */
	private static final int MAX_ATTEMPTS = 16;

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	/**
	 * Reads what models write: raw line breaks inside strings, trailing commas, comments,
	 * and text after the object.
	 */
	private static final JsonMapper LENIENT = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
				JsonReadFeature.ALLOW_JAVA_COMMENTS)
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final JsonMapper PRETTY = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private Json() {
	}

	/**
	 * The context as indented JSON with sorted keys (the same context gives the same
	 * prompt), or its {@code toString()} when it holds something JSON cannot show.
	 * @param value the value
	 * @return the JSON
	 */
	static String pretty(Object value) {
		try {
			return PRETTY.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			return String.valueOf(value);
		}
	}

	/**
	 * The first non-empty JSON object in a text: the body of the first {@code ```json}
	 * (or unlabelled) block naming no file that is one, else the first object starting at
	 * one of the first {@value #MAX_ATTEMPTS} opening braces outside code blocks, else at
	 * one of the first opening braces anywhere. Whatever follows the object is ignored.
	 * @param text the text
	 * @return the object, if any
	 */
	static Optional<Map<String, Object>> firstObject(String text) {
		for (Markdown.Block block : Markdown.blocks(text)) {
			String body = block.content().strip();
			boolean json = block.language().equals("json") || block.language().isEmpty() && body.startsWith("{");
			if (json && block.path().isEmpty()) {
				Optional<Map<String, Object>> object = objectAt(body, body.indexOf('{'));
				if (object.isPresent()) {
					return object;
				}
			}
		}
		return scan(Markdown.prose(text)).or(() -> scan(text));
	}

	private static Optional<Map<String, Object>> scan(String text) {
		int start = text.indexOf('{');
		for (int attempt = 0; start >= 0 && attempt < MAX_ATTEMPTS; attempt++) {
			Optional<Map<String, Object>> object = objectAt(text, start);
			if (object.isPresent()) {
				return object;
			}
			start = text.indexOf('{', start + 1);
		}
		return Optional.empty();
	}

	private static Optional<Map<String, Object>> objectAt(String text, int start) {
		if (start < 0) {
			return Optional.empty();
		}
		try (StringReader reader = new StringReader(text)) {
			reader.skip(start);
			Map<String, Object> object = LENIENT.readValue(reader, OBJECT);
			return (object == null || object.isEmpty()) ? Optional.empty() : Optional.of(object);
		}
		catch (java.io.IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A value as text: strings as they are, lists of strings one per line, anything else
	 * as compact JSON, nothing as {@code ""}.
	 * @param value the value
	 * @return the text
	 */
	static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof String string) {
			return string;
		}
		if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
			return String.join("\n", list.stream().map(String.class::cast).toList());
		}
		try {
			return LENIENT.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			return String.valueOf(value);
		}
	}

	/**
	 * A value as a list of texts: a list's items as text, one non-blank string as a
	 * one-item list, nothing as an empty list.
	 * @param value the value
	 * @return the texts
	 */
	static List<String> texts(@Nullable Object value) {
		List<String> texts = new ArrayList<>();
		for (Object item : list(value)) {
			String text = text(item).strip();
			if (!text.isEmpty()) {
				texts.add(text);
			}
		}
		return texts;
	}

	/**
	 * A value as a list: a list as it is, nothing or a blank string as an empty list,
	 * anything else as a one-item list. Nulls inside are dropped.
	 * @param value the value
	 * @return the list
	 */
	static List<Object> list(@Nullable Object value) {
		List<Object> list = new ArrayList<>();
		if (value instanceof List<?> items) {
			items.stream().filter((item) -> item != null).forEach(list::add);
		}
		else if (value != null && !(value instanceof String string && string.isBlank())) {
			list.add(value);
		}
		return list;
	}

	/**
	 * A value as an object: an object as it is (string keys), anything else as an empty
	 * one.
	 * @param value the value
	 * @return the object
	 */
	static Map<String, Object> object(@Nullable Object value) {
		Map<String, Object> object = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> {
				if (item != null) {
					object.put(String.valueOf(key), item);
				}
			});
		}
		return object;
	}

}
