package io.temponest.security.openapi;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link OpenApiAutoConfiguration}: the model resolver follows the application's naming
 * strategy and nullability, Jackson trees are free-form, and every operation documents
 * its problem answers and credentials.
 */
@SuppressWarnings({ "rawtypes", "unchecked" }) // swagger's Schema properties are raw
class OpenApiAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenApiAutoConfiguration.class))
		.withPropertyValues("platform.security.public-paths=/auth/login");

	@Test
	void modelResolverWhenSnakeCaseConfiguredThenNamesAndNullabilityFollowTheApplication() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			Map<String, Schema> schemas = resolve(context.getBean(ModelResolver.class), Sample.class);
			Schema<?> sample = schemas.get("Sample");
			assertThat(sample.getProperties()).containsOnlyKeys("task_id", "next_run", "is_active", "task_payload",
					"kind");
			assertThat(sample.getProperties().get("task_id").getTypes()).containsExactly("string");
			assertThat(sample.getProperties().get("next_run").getTypes()).contains("string", "null");
			assertThat(sample.getProperties().get("task_payload").getTypes()).containsExactly("object");
			assertThat(sample.getProperties().get("task_payload").getProperties()).isNull();
			assertThat(sample.getProperties().get("kind").getAnyOf()).hasSize(2);
		});
	}

	@Test
	void modelResolverWhenNoStrategyThenJavaNames() {
		this.runner.run((context) -> assertThat(
				resolve(context.getBean(ModelResolver.class), Sample.class).get("Sample").getProperties())
			.containsKeys("taskId", "nextRun", "is_active"));
	}

	@Test
	void namingStrategyWhenUnknownThenFailsInsteadOfLying() {
		assertThatIllegalStateException().isThrownBy(() -> NamingStrategies.of("com.example.MyStrategy"));
		assertThat(NamingStrategies.of("tools.jackson.databind.PropertyNamingStrategies$KebabCaseStrategy"))
			.isPresent();
	}

	@Test
	void customizerThenProblemsCredentialsAndMediaTypesDocumented() {
		this.runner.run((context) -> {
			OpenAPI openApi = new OpenAPI()
				.paths(new Paths().addPathItem("/things/{id}", new PathItem().put(operation(true)))
					.addPathItem("/auth/login", new PathItem().post(operation(false)))
					.addPathItem("/error", new PathItem().get(new Operation())));
			context.getBean(GlobalOpenApiCustomizer.class).customise(openApi);
			Operation put = openApi.getPaths().get("/things/{id}").getPut();
			assertThat(put.getResponses()).containsKeys("200", "400", "401", "403", "404", "413", "415", "422", "429",
					"500", "503");
			assertThat(put.getResponses().get("404").getContent()).containsOnlyKeys("application/problem+json");
			assertThat(put.getResponses().get("404").getContent().get("application/problem+json").getSchema().get$ref())
				.isEqualTo("#/components/schemas/Problem");
			assertThat(put.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
			assertThat(put.getRequestBody().getContent()).containsOnlyKeys("application/json");
			assertThat(put.getSecurity()).hasSize(2);
			Operation login = openApi.getPaths().get("/auth/login").getPost();
			assertThat(login.getResponses()).doesNotContainKeys("401", "403", "404");
			assertThat(login.getSecurity()).isNull();
			assertThat(openApi.getPaths()).doesNotContainKey("/error");
			Schema<?> problem = openApi.getComponents().getSchemas().get("Problem");
			assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance", "service",
					"request_id", "errors");
			assertThat(openApi.getComponents().getSecuritySchemes()).containsKeys("bearerAuth", "apiKey");
		});
	}

	@Test
	void withoutSpringdocThenBacksOff() {
		this.runner.withClassLoader(new FilteredClassLoader(GlobalOpenApiCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ModelResolver.class)
				.doesNotHaveBean(ProblemOpenApiCustomizer.class));
	}

	@Test
	void userModelResolverThenBacksOff() {
		ModelResolver own = new ModelResolver(io.swagger.v3.core.util.Json31.mapper());
		this.runner.withBean(ModelResolver.class, () -> own)
			.run((context) -> assertThat(context.getBean(ModelResolver.class)).isSameAs(own));
	}

	private static Operation operation(boolean withPathParameter) {
		Operation operation = new Operation()
			.requestBody(new RequestBody().content(new Content().addMediaType("*/*", new MediaType())))
			.responses(new ApiResponses().addApiResponse("200",
					new ApiResponse().description("OK").content(new Content().addMediaType("*/*", new MediaType()))));
		if (withPathParameter) {
			operation.addParametersItem(new PathParameter().name("id"));
		}
		return operation;
	}

	private static Map<String, Schema> resolve(ModelResolver resolver, Class<?> type) {
		ModelConverters converters = new ModelConverters(true);
		converters.addConverter(resolver);
		converters.addConverter(new JsonTreeModelConverter());
		return converters.readAll(new AnnotatedType(type));
	}

	/**
	 * A response record as services write them.
	 *
	 * @param taskId an id
	 * @param nextRun a nullable time
	 * @param active a flag named explicitly
	 * @param taskPayload a JSON object
	 * @param kind a nullable enum (a referenced schema)
	 */
	record Sample(UUID taskId, @Nullable String nextRun, @JsonProperty("is_active") boolean active,
			ObjectNode taskPayload, @Nullable Kind kind) {

	}

	/** An enum documented as its own schema. */
	@io.swagger.v3.oas.annotations.media.Schema(enumAsRef = true)
	enum Kind {

		/** One. */
		ONE

	}

}
