package io.temponest.security.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.temponest.security.autoconfigure.PlatformSecurityProperties;
import org.springdoc.core.providers.ObjectMapperProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes every service's OpenAPI document ({@code /v3/api-docs}) tell the truth when
 * springdoc is on the class path: property names follow the application's
 * {@code spring.jackson.property-naming-strategy} (springdoc introspects with a Jackson 2
 * mapper of its own that knows nothing of it), Jackson 3 trees ({@code JsonNode},
 * {@code ObjectNode}) are free-form JSON instead of bean schemas, every operation
 * documents its RFC 9457 error answers ({@code application/problem+json}) and its
 * credentials, and success bodies name {@code application/json} instead of {@code *}/*.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(
		name = { "org.springdoc.core.customizers.GlobalOpenApiCustomizer", "io.swagger.v3.core.jackson.ModelResolver" })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public final class OpenApiAutoConfiguration {

	/** Property naming the application's JSON naming strategy. */
	static final String NAMING_STRATEGY_PROPERTY = "spring.jackson.property-naming-strategy";

	@Bean
	@ConditionalOnMissingBean(ModelResolver.class)
	ModelResolver platformModelResolver(Environment environment, ObjectProvider<ObjectMapperProvider> springdoc) {
		ObjectMapperProvider provider = springdoc.getIfAvailable();
		boolean openapi31 = provider == null || provider.isOpenapi31();
		ObjectMapper mapper = (openapi31 ? Json31.mapper() : Json.mapper()).copy();
		NamingStrategies.of(environment.getProperty(NAMING_STRATEGY_PROPERTY))
			.ifPresent(mapper::setPropertyNamingStrategy);
		return new PlatformModelResolver(mapper).openapi31(openapi31);
	}

	@Bean
	@ConditionalOnMissingBean
	JsonTreeModelConverter jsonTreeModelConverter() {
		return new JsonTreeModelConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemOpenApiCustomizer problemOpenApiCustomizer(PlatformSecurityProperties properties) {
		return new ProblemOpenApiCustomizer(properties.allPublicPaths());
	}

}
