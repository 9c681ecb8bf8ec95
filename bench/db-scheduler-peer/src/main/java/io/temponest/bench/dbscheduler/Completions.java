package io.temponest.bench.dbscheduler;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The executions the peer completed, in memory (so that recording them costs the database
 * nothing): the task instance and the epoch milliseconds at which its execution started
 * and ended, plus a count of failed agent calls.
 */
final class Completions {

	private final ConcurrentLinkedQueue<Completion> done = new ConcurrentLinkedQueue<>();

	private final LongAdder failures = new LongAdder();

	void add(String instance, long startedMs, long completedMs) {
		this.done.add(new Completion(instance, startedMs, completedMs));
	}

	void failed() {
		this.failures.increment();
	}

	String stats() {
		return String.format(Locale.ROOT, "PEER completed=%d failed=%d", this.done.size(), this.failures.sum());
	}

	/**
	 * Write every completion as one {@code instance\tstarted_ms\tcompleted_ms} line.
	 * @param path the file (replaced)
	 * @return how many lines were written
	 * @throws IOException when the file cannot be written
	 */
	int write(Path path) throws IOException {
		List<Completion> all = List.copyOf(this.done);
		try (BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
			for (Completion each : all) {
				writer.write(each.instance() + "\t" + each.startedMs() + "\t" + each.completedMs() + "\n");
			}
		}
		return all.size();
	}

	/** One completed execution. */
	private record Completion(String instance, long startedMs, long completedMs) {

	}

}
