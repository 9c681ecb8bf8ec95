package io.temponest.security.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service notices and reports an unreachable database.
 *
 * @param probeTimeout Longest wait for a valid connection before the database counts as
 * unreachable (readiness, /health, the reachable gauge).
 * @param probeReuse How long one probe answer is reused by later health checks.
 * @param retryAfter Retry-After sent with the 503 of a request that failed because the
 * database was unreachable.
 */
@ConfigurationProperties("platform.database")
public record PlatformDatabaseProperties(@DefaultValue("1s") Duration probeTimeout,
		@DefaultValue("500ms") Duration probeReuse, @DefaultValue("1s") Duration retryAfter) {

}
