package io.temponest.security.jwt;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Selects the RS256 verification key a token's header names, converting each key of the
 * key set to a Java public key once: the key source hands out the same key objects until
 * it fetches the set again, so conversions are remembered per key object (the last
 * {@value #REMEMBERED} of them) instead of being repeated for every token.
 */
final class CachingKeySelector implements JWSKeySelector<SecurityContext> {

	static final int REMEMBERED = 16;

	private final JWKSource<SecurityContext> keys;

	private volatile List<Converted> converted = List.of();

	CachingKeySelector(JWKSource<SecurityContext> keys) {
		this.keys = keys;
	}

	@Override
	public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
			return List.of();
		}
		List<JWK> matches = this.keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context);
		List<Key> selected = new ArrayList<>(matches.size());
		for (JWK jwk : matches) {
			if (jwk instanceof RSAKey rsaKey) {
				selected.add(publicKeyOf(rsaKey));
			}
		}
		return selected;
	}

	private PublicKey publicKeyOf(RSAKey jwk) throws KeySourceException {
		List<Converted> known = this.converted;
		for (Converted entry : known) {
			if (entry.jwk() == jwk) {
				return entry.key();
			}
		}
		PublicKey key = convert(jwk);
		List<Converted> next = new ArrayList<>(known.subList(Math.max(0, known.size() - REMEMBERED + 1), known.size()));
		next.add(new Converted(jwk, key));
		this.converted = List.copyOf(next);
		return key;
	}

	private static PublicKey convert(RSAKey jwk) throws KeySourceException {
		try {
			return jwk.toPublicKey();
		}
		catch (JOSEException ex) {
			throw new KeySourceException("Key " + jwk.getKeyID() + " is not a valid RSA public key", ex);
		}
	}

	/** A key of the key set and its Java form. */
	private record Converted(JWK jwk, PublicKey key) {

	}

}
