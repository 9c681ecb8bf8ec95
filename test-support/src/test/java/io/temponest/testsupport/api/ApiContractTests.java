package io.temponest.testsupport.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApiContract}, {@link DocumentRules} and the harness's case generation on a small
 * document.
 */
class ApiContractTests {

	private static final String DOCUMENT = """
			{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
			 "paths": {
			  "/things/{id}": {
			   "patch": {
			    "operationId": "update",
			    "parameters": [{"name": "id", "in": "path", "required": true,
			                    "schema": {"type": "string", "format": "uuid"}}],
			    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Change"}}}},
			    "responses": {
			     "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
			     "422": {"description": "bad", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
			    }}},
			  "/things": {
			   "get": {
			    "operationId": "list",
			    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
			    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
			      "type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}}}},
			 "components": {"schemas": {
			  "Thing": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"},
			            "next_run": {"type": ["string", "null"], "format": "date-time"}}},
			  "Change": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"},
			             "tags": {"type": "array", "items": {"type": "string"}}, "retries": {"type": "integer"}}},
			  "Problem": {"type": "object", "properties": {"status": {"type": "integer"}, "detail": {"type": "string"}}}
			 }}}
			""";

	private final OpenApiDocument document = OpenApiDocument.parse(DOCUMENT);

	private final ApiContract contract = new ApiContract(this.document);

	@Test
	void checkWhenResponseKeepsTheDocumentThenNothing() {
		assertThat(this.contract.check(this.document.operation("PATCH", "/things/{id}"), 200, "application/json",
				"{\"id\":\"00000000-0000-4000-8000-000000000001\",\"next_run\":null}"))
			.isEmpty();
		assertThat(this.contract.check(this.document.operation("GET", "/things"), 200, "application/json", "[]"))
			.isEmpty();
	}

	@Test
	void checkWhenUndocumentedFieldWrongFormatStatusOrMediaTypeThenEachReported() {
		var patch = this.document.operation("PATCH", "/things/{id}");
		assertThat(this.contract.check(patch, 200, "application/json",
				"{\"id\":\"00000000-0000-4000-8000-000000000001\",\"nextRun\":null}"))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("nextRun");
		assertThat(this.contract.check(patch, 200, "application/json", "{\"id\":\"not-a-uuid\"}")).hasSize(1);
		assertThat(this.contract.check(patch, 404, "application/problem+json", "{}")).singleElement()
			.asString()
			.contains("404 is not documented");
		assertThat(this.contract.check(patch, 422, "text/html", "<html/>")).singleElement()
			.asString()
			.contains("text/html is not documented");
	}

	@Test
	void rulesWhenErrorBodyIsNotAProblemOrEchoesThenReported() {
		var patch = this.document.operation("PATCH", "/things/{id}");
		Exchange html = new Exchange(patch, "g", "c", true, 400, null, "<html>zq7marker</html>",
				java.time.Duration.ZERO, null);
		assertThat(ResponseRules.check(html, java.time.Duration.ofSeconds(5), null))
			.anyMatch((symptom) -> symptom.startsWith("non-problem"))
			.anyMatch((symptom) -> symptom.startsWith("echo"));
		Exchange slow = new Exchange(patch, "g", "c", false, 500, null, "", java.time.Duration.ofSeconds(6), null);
		assertThat(ResponseRules.check(slow, java.time.Duration.ofSeconds(5), null))
			.anyMatch((symptom) -> symptom.startsWith("5xx"))
			.anyMatch((symptom) -> symptom.startsWith("slow"));
	}

	@Test
	void casesThenEveryParameterAndFieldIsCoveredDeterministicallyAndMarked() {
		HostileInputHarness harness = HostileInputHarness
			.forService(java.net.URI.create("http://localhost:1"), this.document)
			.build();
		var patch = this.document.operation("PATCH", "/things/{id}");
		List<HostileInputHarness.HostileCase> cases = harness.cases(patch);
		assertThat(cases).extracting(HostileInputHarness.HostileCase::name)
			.contains("path.id: nul", "body.name: nul", "body.tags: item bidi", "body.retries: 2^63",
					"body: required name missing", "body: truncated JSON", "content type: text/plain")
			.doesNotHaveDuplicates();
		assertThat(cases).filteredOn((hostileCase) -> hostileCase.name().startsWith("body.name"))
			.allMatch(HostileInputHarness.HostileCase::hostile);
		assertThat(harness.cases(patch)).extracting(HostileInputHarness.HostileCase::target)
			.isEqualTo(cases.stream().map(HostileInputHarness.HostileCase::target).toList());
		assertThat(harness.cases(this.document.operation("GET", "/things")))
			.extracting(HostileInputHarness.HostileCase::name)
			.contains("query.limit: 2^31", "query.limit: non-numeric");
	}

	@Test
	void documentRulesWhenCamelCaseOrNonProblemErrorThenReported() {
		String camel = DOCUMENT.replace("\"next_run\"", "\"nextRun\"")
			.replace("\"application/problem+json\": {\"schema\"", "\"application/json\": {\"schema\"");
		assertThat(DocumentRules.check(this.document, DocumentRules.SNAKE_CASE)).isEmpty();
		assertThat(DocumentRules.check(OpenApiDocument.parse(camel), DocumentRules.SNAKE_CASE)).hasSize(2);
	}

}
