package io.temponest.security.jwt;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CachingKeySelector}: the header's key, converted once per key object. */
class CachingKeySelectorTests {

	private final RSAKey first = rsaKey("first");

	private final RSAKey second = rsaKey("second");

	private final CachingKeySelector selector = new CachingKeySelector(
			new ImmutableJWKSet<SecurityContext>(new JWKSet(List.of(this.first, this.second))));

	@Test
	void selectWhenKidKnownThenThatKey() throws Exception {
		assertThat(this.selector.selectJWSKeys(header("second"), null)).singleElement()
			.isEqualTo(this.second.toRSAPublicKey());
	}

	@Test
	void selectWhenSameKeyAgainThenTheSameConvertedKeyObject() throws Exception {
		Object once = this.selector.selectJWSKeys(header("first"), null).get(0);
		Object twice = this.selector.selectJWSKeys(header("first"), null).get(0);
		assertThat(twice).isSameAs(once);
	}

	@Test
	void selectWhenKeySetFetchedAgainThenConvertedAgain() throws Exception {
		Object before = this.selector.selectJWSKeys(header("first"), null).get(0);
		RSAKey refetched = RSAKey.parse(this.first.toJSONObject());
		CachingKeySelector afterRefetch = new CachingKeySelector(
				new ImmutableJWKSet<SecurityContext>(new JWKSet(List.of(refetched))));
		Object after = afterRefetch.selectJWSKeys(header("first"), null).get(0);
		assertThat(after).isEqualTo(before).isNotSameAs(before);
	}

	@Test
	void selectWhenUnknownKidThenNoKey() throws Exception {
		assertThat(this.selector.selectJWSKeys(header("third"), null)).isEmpty();
	}

	@Test
	void selectWhenOtherAlgorithmThenNoKey() throws Exception {
		assertThat(this.selector.selectJWSKeys(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("first").build(), null))
			.isEmpty();
		assertThat(this.selector.selectJWSKeys(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("first").build(), null))
			.isEmpty();
	}

	private static JWSHeader header(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
	}

	private static RSAKey rsaKey(String kid) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).keyID(kid).build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
