package io.temponest.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import io.temponest.events.OutboxStore.OutboxRow;
import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.TokenExchangeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Delivers the events of one tenant and user in one request: {@code POST <publish-url>}
 * with {@code {"events": [...]}} and the user's exchanged token. A 2xx answer delivers
 * them; 401 (a token the receiver no longer accepts, say after a key rotation: the cached
 * token is dropped and the next attempt exchanges anew), 408, 429, 5xx, an unreachable
 * receiver and a failed exchange are worth another attempt; any other 4xx, and a user the
 * auth service refuses, are not (a 403 also drops the cached token).
 */
final class EventSender {

	private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int MAX_ERROR_BODY = 300;

	private final RestClient receiver;

	private final EventCredentials tokens;

	private final String service;

	private final JsonMapper json = JsonMapper.shared();

	EventSender(RestClient receiver, EventCredentials tokens, String service) {
		this.receiver = receiver;
		this.tokens = tokens;
		this.service = service;
	}

	Outcome deliver(ActingUser user, List<OutboxRow> events) {
		String token;
		try {
			token = this.tokens.tokenFor(user);
		}
		catch (TokenExchangeException ex) {
			return ex.isUserRefused() ? Outcome.dead("Token exchange refused the user: " + ex.getMessage())
					: Outcome.retry(ex.getMessage());
		}
		catch (RuntimeException ex) {
			return Outcome.retry("No token for the user: " + ex);
		}
		String body = body(events);
		try {
			Outcome outcome = this.receiver.post()
				.headers((headers) -> headers.setBearerAuth(token))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
				.body(body)
				.exchange((request, response) -> classify(response.getStatusCode().value(), response.getBody()));
			if (outcome.status() == 401 || outcome.status() == 403) {
				this.tokens.evict(user);
			}
			return Objects.requireNonNull(outcome);
		}
		catch (RuntimeException ex) {
			return Outcome.retry("Delivery failed: " + ex.getMessage());
		}
	}

	String body(List<OutboxRow> events) {
		ObjectNode root = this.json.createObjectNode();
		ArrayNode array = root.putArray("events");
		for (OutboxRow event : events) {
			ObjectNode node = array.addObject();
			node.put("id", event.id().toString());
			node.put("type", event.type());
			node.put("occurred_at", MILLIS.format(event.occurredAt()));
			node.put("service", this.service);
			JsonNode payload = this.json.readTree(event.payload());
			payload.properties().forEach((member) -> node.set(member.getKey(), member.getValue()));
		}
		return this.json.writeValueAsString(root);
	}

	private static Outcome classify(int status, InputStream body) {
		if (status >= 200 && status < 300) {
			return new Outcome(Kind.DELIVERED, status, null);
		}
		String error = "HTTP " + status + ": " + excerpt(body);
		boolean retryable = status == 401 || status == 408 || status == 429 || status >= 500 || status < 200;
		return new Outcome(retryable ? Kind.RETRY : Kind.DEAD, status, error);
	}

	private static String excerpt(InputStream body) {
		try (body) {
			byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
			return new String(bytes, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			return "(body unreadable: " + ex.getMessage() + ")";
		}
	}

	/** What became of a delivery. */
	enum Kind {

		/** The receiver accepted the events. */
		DELIVERED,

		/** Try again later. */
		RETRY,

		/** Never try again. */
		DEAD

	}

	/**
	 * What became of a delivery.
	 *
	 * @param kind what to do with the events
	 * @param status the receiver's HTTP status, 0 when none was received
	 * @param error why it failed, {@code null} when delivered
	 */
	record Outcome(Kind kind, int status, @Nullable String error) {

		static Outcome retry(@Nullable String error) {
			return new Outcome(Kind.RETRY, 0, String.valueOf(error));
		}

		static Outcome dead(String error) {
			return new Outcome(Kind.DEAD, 0, error);
		}

	}

}
