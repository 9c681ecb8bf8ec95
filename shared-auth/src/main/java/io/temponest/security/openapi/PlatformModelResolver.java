package io.temponest.security.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;

/**
 * swagger's model resolver with the application's naming strategy, that also documents
 * the record components annotated {@code @Nullable} (JSpecify, Spring or any annotation
 * of that name) as nullable: {@code type: [T, "null"]}, or {@code anyOf} of the reference
 * and {@code null} for a referenced schema. Without it every documented field claims to
 * be always present with a value, and responses that carry {@code null} break the
 * document.
 */
final class PlatformModelResolver extends ModelResolver {

	private final PropertyNamingStrategy naming;

	PlatformModelResolver(ObjectMapper mapper) {
		super(mapper);
		this.naming = mapper.getPropertyNamingStrategy();
	}

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" }) // overrides swagger's raw signature
	public Schema resolve(AnnotatedType annotatedType, ModelConverterContext context, Iterator<ModelConverter> next) {
		Schema resolved = super.resolve(annotatedType, context, next);
		if (resolved == null || annotatedType == null || annotatedType.getType() == null) {
			return resolved;
		}
		JavaType type = this._mapper.constructType(annotatedType.getType());
		Class<?> raw = type.getRawClass();
		if (raw == null || !raw.isRecord()) {
			return resolved;
		}
		Schema model = resolved;
		if (resolved.get$ref() != null) {
			String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
			model = context.getDefinedModels().get(name);
		}
		if (model == null || model.getProperties() == null) {
			return resolved;
		}
		markNullable(raw, model.getProperties());
		return resolved;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" }) // swagger's Schema API is raw
	private void markNullable(Class<?> record, Map<String, Schema> properties) {
		for (RecordComponent component : record.getRecordComponents()) {
			if (!isNullable(component)) {
				continue;
			}
			String name = propertyName(record, component);
			Schema property = properties.get(name);
			if (property == null) {
				continue;
			}
			if (property.get$ref() != null) {
				Schema reference = new Schema().$ref(property.get$ref());
				Schema nullType = new Schema();
				nullType.addType("null");
				Schema either = new Schema();
				either.setAnyOf(List.of(reference, nullType));
				either.setDescription(property.getDescription());
				properties.put(name, either);
			}
			else if (property.getTypes() != null && !property.getTypes().isEmpty()) {
				Set<String> types = new LinkedHashSet<>(property.getTypes());
				types.add("null");
				property.setTypes(types);
			}
			else if (property.getType() != null) {
				property.setTypes(new LinkedHashSet<>(List.of(property.getType(), "null")));
			}
		}
	}

	private String propertyName(Class<?> record, RecordComponent component) {
		JsonProperty explicit = component.getAnnotation(JsonProperty.class);
		if (explicit == null && component.getAccessor() != null) {
			explicit = component.getAccessor().getAnnotation(JsonProperty.class);
		}
		if (explicit != null && !explicit.value().isEmpty()) {
			return explicit.value();
		}
		if (this.naming == null) {
			return component.getName();
		}
		return this.naming.nameForField(this._mapper.getSerializationConfig(), null, component.getName());
	}

	private static boolean isNullable(RecordComponent component) {
		return named(component.getAnnotatedType().getAnnotations()) || named(component.getAnnotations())
				|| (component.getAccessor() != null
						&& named(component.getAccessor().getAnnotatedReturnType().getAnnotations()));
	}

	private static boolean named(Annotation[] annotations) {
		return Arrays.stream(annotations)
			.anyMatch((annotation) -> annotation.annotationType().getSimpleName().equals("Nullable"));
	}

}
