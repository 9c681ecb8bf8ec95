package io.temponest.security.web;

import java.lang.reflect.Field;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;

/**
 * Names a field of a validation error the way clients send it: the field's
 * {@link JsonProperty} name, else the JSON mapper's naming strategy applied to the Java
 * name (so {@code timeoutSeconds} is reported as {@code timeout_seconds} where bodies are
 * snake_case).
 */
public final class JsonFieldNames {

	private final @Nullable PropertyNamingStrategy strategy;

	/**
	 * Create the naming.
	 * @param strategy the JSON mapper's naming strategy, if any
	 */
	public JsonFieldNames(@Nullable PropertyNamingStrategy strategy) {
		this.strategy = strategy;
	}

	/**
	 * The JSON name of a bound field.
	 * @param type the bound type, if known
	 * @param path the Java property path, e.g. {@code timeoutSeconds} or
	 * {@code items[0].name}
	 * @return the JSON name of the path's first property followed by the rest of the path
	 */
	public String of(@Nullable Class<?> type, String path) {
		int end = firstSegmentEnd(path);
		String first = path.substring(0, end);
		String annotated = (type != null) ? annotatedName(type, first) : null;
		String name = (annotated != null) ? annotated : translate(first);
		return name + path.substring(end);
	}

	private String translate(String name) {
		if (this.strategy instanceof PropertyNamingStrategies.NamingBase naming) {
			// built-in strategies translate the name alone (config, member unused)
			return naming.nameForField(null, null, name);
		}
		return name;
	}

	private static int firstSegmentEnd(String path) {
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '.' || c == '[') {
				return i;
			}
		}
		return path.length();
	}

	private static @Nullable String annotatedName(Class<?> type, String name) {
		// @JsonProperty on a record component lands on its field (the annotation does not
		// target record components), so fields cover records and classes alike
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			try {
				Field field = current.getDeclaredField(name);
				return jsonName(field.getAnnotation(JsonProperty.class));
			}
			catch (NoSuchFieldException ex) {
				// look further up
			}
		}
		return null;
	}

	private static @Nullable String jsonName(@Nullable JsonProperty property) {
		return (property != null && !property.value().isEmpty()) ? property.value() : null;
	}

}
