package io.temponest.cache.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs read is generated, with defaults, for every key.
 */
class ConfigurationMetadataTests {

	@Test
	void metadataWhenBuiltThenListsEveryKeyWithDefaults() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			JsonMapper.shared().readTree(in).get("properties").forEach((node) -> {
				if (node.get("sourceType").asString().startsWith("io.temponest.cache.")) {
					properties.put(node.get("name").asString(), node);
				}
			});
		}
		assertThat(properties).containsOnlyKeys("platform.redis.key-prefix", "platform.cache.failure-backoff",
				"platform.ratelimit.enabled", "platform.ratelimit.routes", "platform.ratelimit.fallback-max-keys",
				"platform.ratelimit.instances.heartbeat", "platform.ratelimit.instances.minimum");
		assertThat(properties.get("platform.cache.failure-backoff").get("defaultValue").asString()).isEqualTo("5s");
		assertThat(properties.get("platform.ratelimit.enabled").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("platform.ratelimit.fallback-max-keys").get("defaultValue").asInt())
			.isEqualTo(100000);
		assertThat(properties.get("platform.ratelimit.instances.heartbeat").get("defaultValue").asString())
			.isEqualTo("5s");
		assertThat(properties.get("platform.ratelimit.instances.minimum").get("defaultValue").asInt()).isEqualTo(1);
		assertThat(properties.get("platform.redis.key-prefix").get("description").asString()).startsWith("Prefix");
	}

}
