package io.temponest.security.jwt;

import java.util.List;
import java.util.Map;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.PlatformAuthentication;
import io.temponest.security.PlatformClaims;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/** Turns a verified access token into a {@link PlatformAuthentication}. */
public final class AccessTokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		AuthPrincipal principal = new AuthPrincipal(jwt.getSubject(), jwt.getClaimAsString(PlatformClaims.TENANT_ID),
				jwt.getClaimAsString(PlatformClaims.EMAIL), strings(jwt, PlatformClaims.ROLES),
				strings(jwt, PlatformClaims.PERMISSIONS),
				Boolean.TRUE.equals(jwt.getClaim(PlatformClaims.IS_SUPERUSER)), AuthType.JWT, null, actor(jwt));
		return new PlatformAuthentication(principal, jwt.getTokenValue());
	}

	private static String actor(Jwt jwt) {
		Object act = jwt.getClaim(PlatformClaims.ACT);
		Object subject = (act instanceof Map<?, ?> claims) ? claims.get(JwtClaimNames.SUB) : null;
		return (subject instanceof String name && !name.isBlank()) ? name : null;
	}

	private static List<String> strings(Jwt jwt, String claim) {
		List<String> values = jwt.getClaimAsStringList(claim);
		return (values != null) ? values : List.of();
	}

}
