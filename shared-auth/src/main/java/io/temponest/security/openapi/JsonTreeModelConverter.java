package io.temponest.security.openapi;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;

/**
 * Documents Jackson 3 trees as free-form JSON: {@code ObjectNode} as an object with any
 * members, {@code ArrayNode} as an array of anything, {@code JsonNode} as any value.
 * Without it springdoc describes the tree classes' getters as if they were the payload.
 */
final class JsonTreeModelConverter implements ModelConverter, Ordered {

	/**
	 * Registered last, so that it comes first in swagger's chain (converters are added in
	 * front), before springdoc's own that would introspect the tree classes.
	 * @return the lowest precedence
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
		JavaType javaType = Json.mapper().constructType(type.getType());
		Class<?> raw = (javaType != null) ? javaType.getRawClass() : null;
		if (raw != null && JsonNode.class.isAssignableFrom(raw)) {
			return schemaOf(raw);
		}
		return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
	}

	private static Schema<?> schemaOf(Class<?> raw) {
		if (ObjectNode.class.isAssignableFrom(raw)) {
			return typed("object").additionalProperties(Boolean.TRUE);
		}
		if (ArrayNode.class.isAssignableFrom(raw)) {
			return typed("array").items(new Schema<>());
		}
		return new Schema<>().description("Any JSON value");
	}

	private static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		schema.setType(type);
		schema.setTypes(Set.of(type));
		return schema;
	}

}
