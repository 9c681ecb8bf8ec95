package io.temponest.bench.floor;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full-context tests of the floor endpoints and the token that guards the secured one.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FloorApplicationTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void floorWhenAnonymousThenOkJson() {
		assertThat(this.mvc.get().uri("/floor")).hasStatusOk().bodyJson().isEqualTo("{\"status\":\"ok\"}");
	}

	@Test
	void securedWhenNoTokenThenUnauthorized() {
		assertThat(this.mvc.get().uri("/floor/secured")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void securedWhenTokenFromTokenEndpointThenOkWithSubject() throws Exception {
		MvcTestResult tokenResult = this.mvc.get().uri("/floor/token").exchange();
		assertThat(tokenResult).hasStatusOk().bodyJson().extractingPath("$.expires_in").isEqualTo(3600);
		String token = tokenResult.getResponse()
			.getContentAsString()
			.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		assertThat(this.mvc.get().uri("/floor/secured").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatusOk()
			.bodyJson()
			.isEqualTo("{\"status\":\"ok\",\"subject\":\"bench-user\"}");
	}

	@Test
	void securedWhenTokenSignedWithAnotherKeyThenUnauthorized() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair other = generator.generateKeyPair();
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(FloorSecurityConfiguration.ISSUER)
			.subject("intruder")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600))
			.build();
		String token = NimbusJwtEncoder
			.withKeyPair((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate())
			.build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
		assertThat(this.mvc.get().uri("/floor/secured").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

}
