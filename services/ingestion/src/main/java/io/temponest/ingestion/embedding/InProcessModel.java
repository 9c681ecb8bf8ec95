package io.temponest.ingestion.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The in-process embedding model: all-MiniLM-L6-v2 (384 dimensions, mean pooling,
 * normalised), int8-quantised, on ONNX Runtime. Its files ship inside the application;
 * they are copied to a directory once and loaded from there, because loading the model
 * from the class path reads it through the heap (several times its size at start-up),
 * while ONNX Runtime reads a file natively.
 */
final class InProcessModel {

	static final int DIMENSION = 384;

	private static final String MODEL = "all-minilm-l6-v2-q.onnx";

	private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

	private InProcessModel() {
	}

	/**
	 * Load the model, copying its files into the directory first unless they are there.
	 * @param directory where the model's files are kept
	 * @return the model
	 */
	static EmbeddingModel load(Path directory) {
		try {
			Files.createDirectories(directory);
			Path model = copy(MODEL, directory);
			Path tokenizer = copy(TOKENIZER, directory);
			return new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the embedding model in " + directory, ex);
		}
	}

	private static Path copy(String resource, Path directory) throws IOException {
		Path target = directory.resolve(resource);
		URL url = InProcessModel.class.getResource("/" + resource);
		if (url == null) {
			throw new IOException("The application holds no " + resource);
		}
		URLConnection connection = url.openConnection();
		long size = connection.getContentLengthLong();
		if (Files.isRegularFile(target) && size > 0 && Files.size(target) == size) {
			return target;
		}
		try (InputStream in = connection.getInputStream()) {
			Path partial = Files.createTempFile(directory, resource, ".partial");
			try {
				Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(partial);
			}
		}
		return target;
	}

}
