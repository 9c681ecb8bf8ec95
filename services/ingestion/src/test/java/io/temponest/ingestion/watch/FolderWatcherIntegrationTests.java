package io.temponest.ingestion.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.KnowledgeApi;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.ingestion.collection.Collections;
import io.temponest.ingestion.document.Documents;
import io.temponest.ingestion.ingest.IngestProperties;
import io.temponest.testsupport.ApiCaller;
import io.temponest.security.tenant.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watched folder: new files are ingested, a changed file becomes its document's next
 * version with its old chunks replaced, a deleted file's chunks go, files still being
 * written wait, and a restarted watcher embeds nothing it already stored.
 */
@IngestionIntegrationTest
class FolderWatcherIntegrationTests {

	private final Path folder = TestEnvironment.watchedFolder();

	private final ApiCaller tenant = ApiCaller.ofTenant(TestEnvironment.WATCH_TENANT, TestEnvironment.ALL_PERMISSIONS);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private FolderWatcher watcher;

	@Autowired
	private WatchProperties properties;

	@Autowired
	private Collections collections;

	@Autowired
	private Documents documents;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private IngestProperties limits;

	@Autowired
	private Clock clock;

	@BeforeEach
	void emptyFolder() throws IOException {
		try (Stream<Path> files = Files.walk(this.folder)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				if (!path.equals(this.folder)) {
					Files.delete(path);
				}
			}
		}
		this.watcher.scan();
	}

	@Test
	void folderWhenFilesAddedChangedAndDeletedThenCollectionFollows() throws IOException {
		write("guides/deploy.md", "# Deploys\n\nDeploys go out on Tuesdays after the change advisory meeting.");
		write("lunch.txt", "The canteen serves vegetarian lunch on Wednesdays.");
		write(".hidden.txt", "editor swap files and hidden files are ignored");
		write("photo.png", "not a document");

		assertThat(this.watcher.scan()).isEqualTo(new FolderWatcher.ScanResult(2, 0));
		String collection = watchedCollection();
		KnowledgeApi api = new KnowledgeApi(this.mvc, this.tenant);
		JsonNode deploy = awaitSource(collection, "guides/deploy.md");
		api.awaitReady(deploy.get("id").asString());
		api.awaitReady(awaitSource(collection, "lunch.txt").get("id").asString());
		assertThat(this.watcher.scan()).isEqualTo(new FolderWatcher.ScanResult(0, 0));

		write("guides/deploy.md", "# Deploys\n\nDeploys now go out on Thursdays, never on Fridays.");
		assertThat(this.watcher.scan()).isEqualTo(new FolderWatcher.ScanResult(1, 0));
		JsonNode changed = api.awaitDocument(deploy.get("id").asString(),
				(d) -> d.get("version").asInt() == 2 && "ready".equals(d.get("status").asString()));
		JsonNode answer = api.query(collection, "{\"query\":\"which day do deploys go out\",\"top_k\":10}");
		assertThat(changed.get("source").asString()).isEqualTo("guides/deploy.md");
		assertThat(answer.toString()).contains("Thursdays").doesNotContain("Tuesdays");
		assertThat(answer.get("chunks").get(0).get("version").asInt()).isEqualTo(2);

		Files.delete(this.folder.resolve("lunch.txt"));
		assertThat(this.watcher.scan()).isEqualTo(new FolderWatcher.ScanResult(0, 1));
		assertThat(api.query(collection, "{\"query\":\"vegetarian lunch\",\"top_k\":10}").toString())
			.doesNotContain("canteen");
	}

	@Test
	void fileWhenStillBeingWrittenThenTakenOnceSettled() throws IOException {
		Path file = this.folder.resolve("draft.txt");
		Files.writeString(file, "A draft that is still being written by an editor.", StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, FileTime.from(this.clock.instant()));

		assertThat(this.watcher.scan().queued()).isZero();
		Files.setLastModifiedTime(file, FileTime.from(this.clock.instant().minus(Duration.ofMinutes(1))));
		assertThat(this.watcher.scan().queued()).isEqualTo(1);
	}

	@Test
	void watcherWhenRestartedThenUnchangedFilesAreNotEmbeddedAgain() throws IOException {
		write("policy.txt", "Laptops are replaced every four years unless they break earlier.");
		assertThat(this.watcher.scan().queued()).isEqualTo(1);
		String collection = watchedCollection();
		new KnowledgeApi(this.mvc, this.tenant).awaitReady(awaitSource(collection, "policy.txt").get("id").asString());

		FolderWatcher restarted = new FolderWatcher(this.properties, this.collections, this.documents,
				this.transactions, this.limits, this.clock);

		assertThat(restarted.scan()).isEqualTo(new FolderWatcher.ScanResult(0, 0));
	}

	private void write(String relative, String text) throws IOException {
		Path file = this.folder.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file,
				FileTime.from(Instant.now().minus(Duration.ofMinutes(5)).plusMillis(text.length())));
	}

	private String watchedCollection() {
		JsonNode all = ApiCaller.json(this.mvc.perform(this.tenant.get("/rag/collections/?search=agentic_knowledge")));
		assertThat(all).hasSize(1);
		return all.get(0).get("id").asString();
	}

	private JsonNode awaitSource(String collection, String source) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> {
			for (JsonNode document : ApiCaller
				.json(this.mvc.perform(this.tenant.get("/rag/collections/{id}/documents?limit=100", collection)))) {
				if (source.equals(document.get("source").asString())) {
					return document;
				}
			}
			return null;
		}, (document) -> document != null);
	}

}
