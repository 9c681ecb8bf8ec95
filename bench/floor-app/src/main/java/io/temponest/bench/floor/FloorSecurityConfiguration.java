package io.temponest.bench.floor;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Minimal stateless RS256 resource server guarding only {@code /floor/secured}; the key
 * pair is generated at start.
 */
@Configuration(proxyBeanMethods = false)
class FloorSecurityConfiguration {

	static final String ISSUER = "temponest-bench-floor";

	@Bean
	KeyPair floorKeyPair() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	@Bean
	JwtDecoder jwtDecoder(KeyPair floorKeyPair) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) floorKeyPair.getPublic()).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
		return decoder;
	}

	@Bean
	JwtEncoder jwtEncoder(KeyPair floorKeyPair) {
		return NimbusJwtEncoder
			.withKeyPair((RSAPublicKey) floorKeyPair.getPublic(), (RSAPrivateKey) floorKeyPair.getPrivate())
			.build();
	}

	/**
	 * Only {@code /floor/secured} goes through a security filter chain, so {@code /floor}
	 * stays a bare MVC floor.
	 */
	@Bean
	SecurityFilterChain floorSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/floor/secured")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.build();
	}

}
