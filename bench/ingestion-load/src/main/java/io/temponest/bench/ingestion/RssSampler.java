package io.temponest.bench.ingestion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) once
 * a second until closed.
 */
final class RssSampler implements AutoCloseable {

	/**
	 * One sample.
	 *
	 * @param epochMillis when it was taken
	 * @param kilobytes the resident memory then
	 */
	record Sample(long epochMillis, long kilobytes) {

	}

	private final Path status;

	private final List<Sample> samples = new ArrayList<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "rss-sampler");
		thread.setDaemon(true);
		return thread;
	});

	RssSampler(long pid) {
		this.status = Path.of("/proc", Long.toString(pid), "status");
		this.timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	private void sample() {
		OptionalLong kilobytes = field(this.status, "VmRSS");
		if (kilobytes.isPresent()) {
			synchronized (this.samples) {
				this.samples.add(new Sample(System.currentTimeMillis(), kilobytes.getAsLong()));
			}
		}
	}

	/**
	 * The samples so far.
	 * @return them, oldest first
	 */
	List<Sample> samples() {
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

	/**
	 * The process's peak resident memory so far ({@code VmHWM}).
	 * @return the kilobytes, or empty when the process is gone
	 */
	OptionalLong peak() {
		return field(this.status, "VmHWM");
	}

	/**
	 * A {@code kB} field of a {@code /proc/<pid>/status} file.
	 * @param status the file
	 * @param name the field, e.g. {@code VmRSS}
	 * @return its value in kilobytes, or empty when the file or the field is missing
	 */
	static OptionalLong field(Path status, String name) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith(name + ":")) {
					return OptionalLong.of(Long.parseLong(line.substring(name.length() + 1).replace("kB", "").strip()));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
		return OptionalLong.empty();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		sample();
	}

}
