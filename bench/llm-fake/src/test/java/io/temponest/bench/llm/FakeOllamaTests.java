package io.temponest.bench.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the fake Ollama over HTTP: Ollama's wire format of whole and streamed chat
 * answers, the chunk markers and their recorded send times, the counters and the settings
 * changed at run time.
 */
class FakeOllamaTests {

	private static final Pattern MARKER = Pattern.compile("\\[s(\\d+)c(\\d+)t(\\d+)]");

	private final HttpClient client = HttpClient.newHttpClient();

	private FakeOllama fake;

	@BeforeEach
	void start() throws IOException {
		this.fake = FakeOllama.start(0, new FakeOllama.Settings(Duration.ZERO, 3, Duration.ZERO));
	}

	@AfterEach
	void stop() {
		this.fake.close();
		this.client.close();
	}

	@Test
	void chatWhenNotStreamedThenOneOllamaAnswerWithTheCounts() throws Exception {
		HttpResponse<String> response = chat("{\"model\":\"bench-model\",\"messages\":[],\"stream\":false}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		String body = response.body();
		assertThat(JsonPath.<String>read(body, "$.model")).isEqualTo("bench-model");
		assertThat(JsonPath.<String>read(body, "$.created_at")).isNotBlank();
		assertThat(JsonPath.<String>read(body, "$.message.role")).isEqualTo("assistant");
		assertThat(JsonPath.<String>read(body, "$.message.content")).isEqualTo(FakeOllama.ANSWER);
		assertThat(JsonPath.<Boolean>read(body, "$.done")).isTrue();
		assertThat(JsonPath.<String>read(body, "$.done_reason")).isEqualTo("stop");
		assertThat(JsonPath.<Integer>read(body, "$.prompt_eval_count")).isEqualTo(FakeOllama.PROMPT_TOKENS);
		assertThat(JsonPath.<Integer>read(body, "$.eval_count")).isEqualTo(FakeOllama.ANSWER_TOKENS);
		assertThat(this.fake.stats().toString())
			.isEqualTo("LLM chats=1 streams=0 chunks=0 aborted=0 rejected=0 models=bench-model");
	}

	@Test
	void chatWhenStreamedThenNdjsonChunksWithMarkersThenDoneLineWithCounts() throws Exception {
		long before = FakeOllama.epochMicros();
		HttpResponse<String> response = chat("{\"model\":\"bench-model\",\"messages\":[],\"stream\":true}");
		long after = FakeOllama.epochMicros();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
		List<String> lines = response.body().lines().toList();
		assertThat(lines).hasSize(4);
		List<FakeOllama.ChunkSent> recorded = this.fake.chunks();
		assertThat(recorded).hasSize(3);
		for (int i = 0; i < 3; i++) {
			String line = lines.get(i);
			assertThat(JsonPath.<Boolean>read(line, "$.done")).isFalse();
			assertThat(JsonPath.<String>read(line, "$.message.role")).isEqualTo("assistant");
			Matcher marker = MARKER.matcher(JsonPath.<String>read(line, "$.message.content"));
			assertThat(marker.find()).isTrue();
			long sent = Long.parseLong(marker.group(3));
			assertThat(sent).isBetween(before, after);
			assertThat(Integer.parseInt(marker.group(2))).isEqualTo(i);
			assertThat(recorded.get(i)).isEqualTo(new FakeOllama.ChunkSent(Long.parseLong(marker.group(1)), i, sent));
		}
		String last = lines.get(3);
		assertThat(JsonPath.<Boolean>read(last, "$.done")).isTrue();
		assertThat(JsonPath.<String>read(last, "$.done_reason")).isEqualTo("stop");
		assertThat(JsonPath.<String>read(last, "$.message.content")).isEmpty();
		assertThat(JsonPath.<Integer>read(last, "$.prompt_eval_count")).isEqualTo(FakeOllama.PROMPT_TOKENS);
		assertThat(JsonPath.<Integer>read(last, "$.eval_count")).isEqualTo(3);
		assertThat(this.fake.stats().toString())
			.isEqualTo("LLM chats=0 streams=1 chunks=3 aborted=0 rejected=0 models=bench-model");
	}

	@Test
	void chatWhenStreamNotSaidThenStreamedAsOllamaDoes() throws Exception {
		HttpResponse<String> response = chat("{\"model\":\"m\",\"messages\":[]}");
		assertThat(response.body().lines()).hasSize(4);
		assertThat(this.fake.stats().streams()).isEqualTo(1);
	}

	@Test
	void chunksWhenRequestedThenOneTabSeparatedLinePerChunkSent() throws Exception {
		chat("{\"model\":\"m\",\"stream\":true}");
		chat("{\"model\":\"m\",\"stream\":true}");
		List<String> lines = get("/chunks").body().lines().toList();
		assertThat(lines).hasSize(7);
		assertThat(lines.get(0)).isEqualTo("stream\tindex\tsent_epoch_us");
		assertThat(lines.get(1)).matches("1\t0\t\\d{16}");
		assertThat(lines.get(6)).matches("2\t2\t\\d{16}");
	}

	@Test
	void configWhenPostedThenNextChatsFollowIt() throws Exception {
		HttpResponse<String> response = post("/config?chunks=5&chunk-gap-ms=1&delay-ms=2");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("LLM-CONFIG delay_ms=2 chunks=5 chunk_gap_ms=1\n");
		assertThat(chat("{\"model\":\"m\",\"stream\":true}").body().lines()).hasSize(6);
	}

	@Test
	void configWhenMalformedThenBadRequestAndUnchanged() throws Exception {
		assertThat(post("/config?chunks=0").statusCode()).isEqualTo(400);
		assertThat(post("/config?speed=3").statusCode()).isEqualTo(400);
		assertThat(post("/config?delay-ms=x").statusCode()).isEqualTo(400);
		assertThat(this.fake.settings()).isEqualTo(new FakeOllama.Settings(Duration.ZERO, 3, Duration.ZERO));
	}

	@Test
	void statsAndResetWhenRequestedThenParsableLineAndZeroed() throws Exception {
		chat("{\"model\":\"m\",\"stream\":false}");
		assertThat(post("/api/generate").statusCode()).isEqualTo(404);
		assertThat(get("/stats").body()).isEqualTo("LLM chats=1 streams=0 chunks=0 aborted=0 rejected=1 models=m\n");
		assertThat(post("/reset").body()).startsWith("LLM chats=1 ");
		assertThat(this.fake.stats().toString())
			.isEqualTo("LLM chats=0 streams=0 chunks=0 aborted=0 rejected=0 models=");
		assertThat(this.fake.chunks()).isEmpty();
	}

	@Test
	void ollamaProbesWhenCalledThenAnswered() throws Exception {
		assertThat(get("/").body()).isEqualTo("Ollama is running");
		assertThat(JsonPath.<String>read(get("/api/tags").body(), "$.models[0].name")).isEqualTo("bench-model");
		assertThat(get("/api/version").statusCode()).isEqualTo(200);
	}

	@Test
	void warmUpWhenDoneThenCountersForgottenAndSettingsKept() throws Exception {
		this.fake.warmUp(20);
		assertThat(this.fake.stats().toString())
			.isEqualTo("LLM chats=0 streams=0 chunks=0 aborted=0 rejected=0 models=");
		assertThat(this.fake.settings()).isEqualTo(new FakeOllama.Settings(Duration.ZERO, 3, Duration.ZERO));
	}

	private HttpResponse<String> chat(String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/api/chat"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).POST(BodyPublishers.noBody()).build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).GET().build(), BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.fake.port() + path);
	}

}
