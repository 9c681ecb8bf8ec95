package io.temponest.security.jwt;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * Turns the claims Nimbus parsed into the shapes Spring's {@code Jwt} expects, doing only
 * what platform tokens need: the three timestamps as {@link Instant}s and {@code aud} as
 * a list. Spring's general converter also tries to read {@code iss} as a URL, which
 * throws and catches an exception for every token whose issuer is a plain name, and runs
 * every claim through a conversion service.
 */
final class AccessTokenClaimSetConverter implements Converter<Map<String, Object>, Map<String, Object>> {

	@Override
	public Map<String, Object> convert(Map<String, Object> claims) {
		Map<String, Object> converted = new HashMap<>(claims);
		instant(converted, JwtClaimNames.EXP);
		instant(converted, JwtClaimNames.IAT);
		instant(converted, JwtClaimNames.NBF);
		if (converted.get(JwtClaimNames.AUD) instanceof String audience) {
			converted.put(JwtClaimNames.AUD, List.of(audience));
		}
		return converted;
	}

	private static void instant(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value instanceof Date date) {
			claims.put(name, date.toInstant());
		}
		else if (value instanceof Number seconds) {
			claims.put(name, Instant.ofEpochSecond(seconds.longValue()));
		}
	}

}
