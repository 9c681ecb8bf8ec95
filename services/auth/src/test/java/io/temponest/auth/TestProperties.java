package io.temponest.auth;

import java.time.Duration;
import java.util.List;

import io.temponest.security.autoconfigure.PlatformSecurityProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@link AuthProperties} and the platform library's {@link PlatformSecurityProperties}
 * for unit tests, with their defaults.
 */
public final class TestProperties {

	private TestProperties() {
	}

	/**
	 * The platform library's security settings as they bind with nothing configured.
	 * @return the settings
	 */
	public static PlatformSecurityProperties platformSecurity() {
		return Binder.get(new StandardEnvironment())
			.bindOrCreate("platform.security", PlatformSecurityProperties.class);
	}

	/**
	 * The default settings.
	 * @return the settings
	 */
	public static AuthProperties defaults() {
		return withPassword(new AuthProperties.Password(0, Duration.ofSeconds(2), Duration.ofSeconds(1)));
	}

	/**
	 * The default settings with other password hashing limits.
	 * @param password the limits
	 * @return the settings
	 */
	public static AuthProperties withPassword(AuthProperties.Password password) {
		return new AuthProperties("sk_", Duration.ofDays(7), Duration.ofMinutes(5), jwt(null, null, List.of()),
				password, new AuthProperties.BootstrapSuperuser(null, null), Duration.ofSeconds(30));
	}

	/**
	 * JWT settings with default lifetimes.
	 * @param privateKeyLocation the key location
	 * @param keyId the key id
	 * @param additional extra public keys
	 * @return the settings
	 */
	public static AuthProperties.Jwt jwt(String privateKeyLocation, String keyId,
			List<AuthProperties.PublicKeyLocation> additional) {
		return new AuthProperties.Jwt(privateKeyLocation, keyId, additional, Duration.ofMinutes(60),
				Duration.ofDays(30), null);
	}

	/**
	 * JWT settings without a private key, keeping the dev profile's generated key in a
	 * file.
	 * @param devKeyLocation the dev key file
	 * @return the settings
	 */
	public static AuthProperties.Jwt devJwt(String devKeyLocation) {
		return new AuthProperties.Jwt(null, null, List.of(), Duration.ofMinutes(60), Duration.ofDays(30),
				devKeyLocation);
	}

}
