package io.temponest.scheduler.agent;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding of the agents service settings. */
class AgentsPropertiesTests {

	private static final String PREFIX = "temponest.scheduler.agents";

	@Test
	void bindWhenNothingSetThenDefaults() {
		AgentsProperties properties = bind(Map.of());

		assertThat(properties).isEqualTo(
				new AgentsProperties(URI.create("http://localhost:9000"), "/{agent}/run", Duration.ofSeconds(2)));
	}

	@Test
	void bindWhenSetThenValues() {
		AgentsProperties properties = bind(Map.of(PREFIX + ".base-url", "http://agents:9000/api", PREFIX + ".run-path",
				"/agents/{agent}/execute", PREFIX + ".connect-timeout", "500ms"));

		assertThat(properties).isEqualTo(new AgentsProperties(URI.create("http://agents:9000/api"),
				"/agents/{agent}/execute", Duration.ofMillis(500)));
	}

	private static AgentsProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(PREFIX, AgentsProperties.class);
	}

}
