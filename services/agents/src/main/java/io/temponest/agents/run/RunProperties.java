package io.temponest.agents.run;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How runs are carried out ({@code temponest.agents.*}).
 *
 * @param defaultProvider the provider of every role without its own
 * @param defaultModel the model of every role without its own
 * @param roles per-role provider and model, by the role's slug
 * @param idempotencyTtl how long an idempotency key answers with its first result
 * @param idempotencyWait how long a duplicate request waits for the first one to finish
 * @param idempotencyLease how long a first request holds its key before it has an answer:
 * longer than any run takes (the provider's timeout and retries, then the record's
 * patience); a holder that stopped without an answer or a release gives the key up after
 * it
 * @param recordPatience how long a run that the provider answered keeps trying to write
 * its record while the database is busy or away
 */
@ConfigurationProperties("temponest.agents")
public record RunProperties(@DefaultValue("ollama") String defaultProvider,
		@DefaultValue("qwen2.5:0.5b") String defaultModel, @DefaultValue Map<String, RoleModel> roles,
		@DefaultValue("24h") Duration idempotencyTtl, @DefaultValue("10m") Duration idempotencyWait,
		@DefaultValue("10m") Duration idempotencyLease, @DefaultValue("30s") Duration recordPatience) {

	/**
	 * One role's provider and model; either may be left to the defaults.
	 *
	 * @param provider the provider
	 * @param model the model
	 */
	public record RoleModel(@Nullable String provider, @Nullable String model) {

	}

}
