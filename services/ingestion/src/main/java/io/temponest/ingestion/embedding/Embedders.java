package io.temponest.ingestion.embedding;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The embedding models this service runs, by name. A collection is embedded by the model
 * it names when this service runs it, otherwise by the default model; it records which.
 */
public final class Embedders {

	/** The in-process model every instance runs, offline. */
	public static final String IN_PROCESS_MODEL = "all-minilm-l6-v2";

	private final Map<String, Embedder> byName;

	private final Embedder defaultEmbedder;

	Embedders(Collection<Embedder> embedders, String defaultModel) {
		Map<String, Embedder> named = new LinkedHashMap<>();
		embedders.forEach((embedder) -> named.put(embedder.name(), embedder));
		this.byName = Collections.unmodifiableMap(named);
		Embedder fallback = named.get(defaultModel);
		if (fallback == null) {
			throw new IllegalStateException("temponest.ingestion.embedding.default-model names " + defaultModel
					+ ", which is not configured; configured: " + named.keySet());
		}
		this.defaultEmbedder = fallback;
	}

	/**
	 * The model a new collection is embedded with.
	 * @param requested the model the client asked for, if any
	 * @return that model when this service runs it, else the default model
	 */
	public Embedder forNewCollection(@Nullable String requested) {
		if (requested == null || requested.isBlank()) {
			return this.defaultEmbedder;
		}
		return this.byName.getOrDefault(requested.strip(), this.defaultEmbedder);
	}

	/**
	 * The model a collection was created with.
	 * @param name the model's name
	 * @return the model, empty when this service no longer runs it
	 */
	public Optional<Embedder> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** The names of every model this service runs. */
	public Collection<String> names() {
		return this.byName.keySet();
	}

}
