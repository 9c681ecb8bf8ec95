package io.temponest.events;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform events of this service ({@code platform.events.*}): the outbox and its relay
 * are configured only when {@code publish-url} is set.
 *
 * @param publishUrl Where events are delivered: the agents service's
 * {@code /internal/events}.
 * @param schema The service's schema holding {@code event_outbox} and its functions.
 * @param service The service name sent with every event; the application name when blank.
 * @param relayEnabled Whether this instance runs the relay's loop (events are written
 * either way; any instance with the loop on delivers them).
 * @param batchSize How many events one claim takes at most.
 * @param pollInterval How long the relay waits between claims when the outbox is empty (a
 * commit that publishes wakes it earlier).
 * @param maxAttempts Delivery attempts of an event before it is dead-lettered.
 * @param backoff The wait after the first failed attempt, doubled after each further one
 * (with jitter: between half and all of it).
 * @param maxBackoff The longest wait between attempts.
 * @param lease How long a claimed event is not claimed again (longer than a delivery
 * takes; an instance that dies mid-delivery leaves its events to another after it).
 * @param timeout Connect and read timeout of one delivery.
 * @param concurrency Deliveries (one per tenant and user) in flight at once.
 */
@ConfigurationProperties("platform.events")
public record EventsProperties(@Nullable String publishUrl, @DefaultValue("public") String schema,
		@Nullable String service, @DefaultValue("true") boolean relayEnabled, @DefaultValue("100") int batchSize,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("20") int maxAttempts,
		@DefaultValue("1s") Duration backoff, @DefaultValue("10m") Duration maxBackoff,
		@DefaultValue("60s") Duration lease, @DefaultValue("10s") Duration timeout,
		@DefaultValue("4") int concurrency) {

	/** The events of one delivery at most (the receiver's limit). */
	public static final int MAX_EVENTS_PER_DELIVERY = 100;

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	public EventsProperties {
		if (!IDENTIFIER.matcher(schema).matches()) {
			throw new IllegalArgumentException("platform.events.schema must be a lower-case SQL identifier: " + schema);
		}
		if (batchSize < 1 || maxAttempts < 1 || concurrency < 1) {
			throw new IllegalArgumentException(
					"platform.events.batch-size, max-attempts and concurrency must be positive");
		}
		if (pollInterval.isNegative() || pollInterval.isZero() || backoff.isNegative()
				|| lease.compareTo(timeout) <= 0) {
			throw new IllegalArgumentException(
					"platform.events.poll-interval must be positive and lease longer than timeout");
		}
	}

}
