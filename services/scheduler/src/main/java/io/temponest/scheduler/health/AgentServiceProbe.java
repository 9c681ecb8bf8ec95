package io.temponest.scheduler.health;

import java.time.Duration;

import io.temponest.scheduler.agent.AgentsProperties;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Asks the agents service's {@code GET /health} whether it is there (2 s at most). */
@Component
class AgentServiceProbe {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final RestClient client;

	AgentServiceProbe(RestClient.Builder builder, AgentsProperties properties) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				java.net.http.HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
		requests.setReadTimeout(TIMEOUT);
		this.client = builder.clone().baseUrl(properties.baseUrl().toString()).requestFactory(requests).build();
	}

	boolean available() {
		try {
			return this.client.get().uri("/health").retrieve().toBodilessEntity().getStatusCode().value() == 200;
		}
		catch (RestClientException ex) {
			return false;
		}
	}

}
