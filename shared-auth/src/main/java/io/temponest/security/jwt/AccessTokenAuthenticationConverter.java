package io.temponest.security.jwt;

import java.util.List;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.PlatformAuthentication;
import io.temponest.security.PlatformClaims;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a verified access token into a {@link PlatformAuthentication}. */
public final class AccessTokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		AuthPrincipal principal = new AuthPrincipal(jwt.getSubject(), jwt.getClaimAsString(PlatformClaims.TENANT_ID),
				jwt.getClaimAsString(PlatformClaims.EMAIL), strings(jwt, PlatformClaims.ROLES),
				strings(jwt, PlatformClaims.PERMISSIONS),
				Boolean.TRUE.equals(jwt.getClaim(PlatformClaims.IS_SUPERUSER)), AuthType.JWT);
		return new PlatformAuthentication(principal, jwt.getTokenValue());
	}

	private static List<String> strings(Jwt jwt, String claim) {
		List<String> values = jwt.getClaimAsStringList(claim);
		return (values != null) ? values : List.of();
	}

}
