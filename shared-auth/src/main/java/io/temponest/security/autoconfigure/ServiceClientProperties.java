package io.temponest.security.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This service's registration with the auth service as a client that acts for users
 * ({@code platform.security.service-client.*}); the client is configured only when a
 * client id is set.
 *
 * @param clientId The client id registered with the auth service.
 * @param clientSecret The client secret; {@code client-secret-file} is used when blank.
 * @param clientSecretFile A file holding the client secret (surrounding whitespace is
 * ignored).
 * @param scope Permissions the user must hold for the exchange to succeed (the auth
 * service refuses users lacking one); empty asks for none.
 * @param refreshBefore How long before its expiry a cached token is replaced.
 * @param maxCachedUsers How many users' tokens are cached at most (least recently used
 * ones are dropped first).
 * @param timeout Connect and read timeout of one exchange call.
 */
@ConfigurationProperties("platform.security.service-client")
public record ServiceClientProperties(@Nullable String clientId, @Nullable String clientSecret,
		@Nullable String clientSecretFile, @DefaultValue List<String> scope,
		@DefaultValue("60s") Duration refreshBefore, @DefaultValue("10000") int maxCachedUsers,
		@DefaultValue("5s") Duration timeout) {

	@Override
	public String toString() {
		return "ServiceClientProperties[clientId=" + this.clientId + ", clientSecret="
				+ ((this.clientSecret != null) ? "******" : null) + ", clientSecretFile=" + this.clientSecretFile
				+ ", scope=" + this.scope + "]";
	}

}
