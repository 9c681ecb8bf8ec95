package io.temponest.security.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;

/**
 * Translates the application's naming strategy setting (a constant of Jackson's
 * {@code PropertyNamingStrategies}, such as {@code SNAKE_CASE}, or the class name of one
 * of its strategies) into the Jackson 2 strategy springdoc's model resolver understands.
 */
final class NamingStrategies {

	private NamingStrategies() {
	}

	/**
	 * The Jackson 2 strategy of a setting.
	 * @param setting the value of {@code spring.jackson.property-naming-strategy}, or
	 * {@code null}
	 * @return the strategy, empty when nothing is set
	 * @throws IllegalStateException for a setting with no Jackson 2 equivalent, so that a
	 * document never silently names fields differently from the API
	 */
	static Optional<PropertyNamingStrategy> of(String setting) {
		if (setting == null || setting.isBlank()) {
			return Optional.empty();
		}
		String name = setting.trim();
		int nested = Math.max(name.lastIndexOf('$'), name.lastIndexOf('.'));
		if (nested >= 0) {
			name = name.substring(nested + 1);
		}
		for (Field field : PropertyNamingStrategies.class.getFields()) {
			if (!Modifier.isStatic(field.getModifiers())
					|| !PropertyNamingStrategy.class.isAssignableFrom(field.getType())) {
				continue;
			}
			PropertyNamingStrategy strategy = value(field);
			if (field.getName().equals(name) || strategy.getClass().getSimpleName().equals(name)) {
				return Optional.of(strategy);
			}
		}
		throw new IllegalStateException(
				"No OpenAPI naming strategy for " + OpenApiAutoConfiguration.NAMING_STRATEGY_PROPERTY + "=" + setting
						+ "; use a constant of PropertyNamingStrategies or supply a ModelResolver bean");
	}

	private static PropertyNamingStrategy value(Field field) {
		try {
			return (PropertyNamingStrategy) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
