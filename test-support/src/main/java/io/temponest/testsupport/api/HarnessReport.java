package io.temponest.testsupport.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a harness run found: each failing response's symptoms, grouped by operation and
 * symptom, with the cases that showed it (so one defect reads as one line, not hundreds).
 */
public final class HarnessReport {

	private static final int CASES_SHOWN = 6;

	private final Map<String, Map<String, List<String>>> failures = new TreeMap<>();

	private int requests;

	private final List<Exchange> exchanges = new ArrayList<>();

	void record(Exchange exchange, List<String> symptoms) {
		this.requests++;
		this.exchanges.add(exchange);
		for (String symptom : symptoms) {
			this.failures.computeIfAbsent(exchange.group(), (group) -> new TreeMap<>())
				.computeIfAbsent(symptom, (key) -> new ArrayList<>())
				.add(exchange.caseName());
		}
	}

	/**
	 * How many requests were sent.
	 * @return the count
	 */
	public int requests() {
		return this.requests;
	}

	/**
	 * Every exchange, in the order sent.
	 * @return the exchanges
	 */
	public List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	/**
	 * The failures: cases by symptom by group (operation or {@code URL}).
	 * @return the failures, empty when every response kept the rules
	 */
	public Map<String, Map<String, List<String>>> failures() {
		return this.failures;
	}

	/**
	 * The failures of one kind.
	 * @param prefix the symptom's kind, e.g. {@code 5xx}, {@code echo},
	 * {@code non-problem}, {@code slow}, {@code contract}
	 * @return cases by symptom by group
	 */
	public Map<String, Map<String, List<String>>> failures(String prefix) {
		Map<String, Map<String, List<String>>> selected = new TreeMap<>();
		this.failures.forEach((group, symptoms) -> symptoms.forEach((symptom, cases) -> {
			if (symptom.startsWith(prefix)) {
				selected.computeIfAbsent(group, (key) -> new TreeMap<>()).put(symptom, cases);
			}
		}));
		return selected;
	}

	/**
	 * Keep the report in {@code target/hostile-input-<service>.txt} for whoever reads a
	 * failure.
	 * @param service the service's name (names the file)
	 * @return this report
	 */
	public HarnessReport keep(String service) {
		try {
			Path copy = Path.of("target", "hostile-input-" + service + ".txt");
			Files.createDirectories(copy.getParent());
			Files.writeString(copy, describe());
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Fail with every failure at once, grouped, when there is any.
	 * @throws AssertionError listing the failures
	 */
	public void assertClean() {
		if (!this.failures.isEmpty()) {
			throw new AssertionError(describe());
		}
	}

	/**
	 * The report as text.
	 * @return the text
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		int count = this.failures.values().stream().mapToInt(Map::size).sum();
		text.append(count)
			.append(" distinct failures in ")
			.append(this.requests)
			.append(" requests (marker ")
			.append(HostileInputHarness.MARKER)
			.append(")\n");
		this.failures.forEach((group, symptoms) -> {
			text.append(group).append('\n');
			symptoms.forEach((symptom, cases) -> {
				text.append("  ").append(symptom).append("\n    cases: ");
				text.append(String.join("; ", cases.subList(0, Math.min(CASES_SHOWN, cases.size()))));
				if (cases.size() > CASES_SHOWN) {
					text.append("; … (").append(cases.size() - CASES_SHOWN).append(" more)");
				}
				text.append('\n');
			});
		});
		return text.toString();
	}

}
