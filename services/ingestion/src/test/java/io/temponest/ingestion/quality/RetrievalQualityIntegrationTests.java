package io.temponest.ingestion.quality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.KnowledgeApi;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval quality with the default model, end to end: the corpus of
 * {@code quality/corpus} is uploaded, and for each question of {@code questions.tsv} the
 * note that answers it is among the top 3 chunks the query API returns.
 */
@IngestionIntegrationTest
class RetrievalQualityIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void questionsWhenAskedThenTheAnsweringNoteIsInTheTopThree() throws IOException {
		KnowledgeApi api = new KnowledgeApi(this.mvc, ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS));
		String collection = api.createCollection("{\"name\":\"handbook\"}");
		List<String> documents = new ArrayList<>();
		for (Resource note : new PathMatchingResourcePatternResolver().getResources("classpath:quality/corpus/*.md")) {
			try (InputStream in = note.getInputStream()) {
				documents.add(api.uploadText(collection, note.getFilename(),
						new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
		}
		assertThat(documents).hasSize(36);
		documents.forEach(api::awaitReady);
		List<String> misses = new ArrayList<>();
		List<String> questions = questions();
		for (String line : questions) {
			String[] question = line.split("\t");
			JsonNode answer = api.query(collection,
					"{\"query\":\"" + question[0].replace("\"", "\\\"") + "\",\"top_k\":3}");
			List<String> sources = answer.get("chunks").findValuesAsString("source");
			if (!sources.contains(question[1].strip())) {
				misses.add(question[0] + " -> " + sources);
			}
		}
		assertThat(questions).hasSize(24);
		assertThat(misses).as("questions whose note is not in the top 3").isEmpty();
	}

	private static List<String> questions() throws IOException {
		try (InputStream in = RetrievalQualityIntegrationTests.class.getResourceAsStream("/quality/questions.tsv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter((l) -> !l.isBlank()).toList();
		}
	}

}
