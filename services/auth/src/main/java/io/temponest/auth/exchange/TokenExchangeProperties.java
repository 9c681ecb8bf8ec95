package io.temponest.auth.exchange;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Registered service clients and the tokens they obtain by token exchange.
 *
 * @param clients the registered clients by client id; a client whose secret and secret
 * file are both blank is not registered
 * @param tokenTtl lifetime of exchanged access tokens
 */
@Validated
@ConfigurationProperties("temponest.auth.token-exchange")
public record TokenExchangeProperties(@DefaultValue Map<String, @Valid Client> clients,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 30) @DurationMax(minutes = 15) Duration tokenTtl) {

	/**
	 * One registered service client.
	 *
	 * @param secret its secret (at least {@value ServiceClients#MIN_SECRET_LENGTH}
	 * characters)
	 * @param secretFile a file holding its secret (surrounding whitespace is ignored);
	 * used when the secret is blank
	 */
	public record Client(@Nullable String secret, @Nullable String secretFile) {

		@Override
		public String toString() {
			return "Client[secret=" + ((this.secret != null) ? "******" : null) + ", secretFile=" + this.secretFile
					+ "]";
		}

	}

}
