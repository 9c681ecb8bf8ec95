package io.temponest.security.jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.temponest.security.PlatformClaims;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * Accepts only access tokens ({@code type == "access"}, so refresh tokens are refused)
 * that carry every claim the principal is built from, in the expected shape.
 */
public final class AccessTokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		List<OAuth2Error> errors = new ArrayList<>();
		if (!PlatformClaims.ACCESS.equals(jwt.getClaims().get(PlatformClaims.TYPE))) {
			errors.add(error("The token is not an access token"));
		}
		requireUuid(jwt, JwtClaimNames.SUB, errors);
		requireUuid(jwt, PlatformClaims.TENANT_ID, errors);
		requireText(jwt, PlatformClaims.EMAIL, errors);
		requireText(jwt, JwtClaimNames.JTI, errors);
		requireListIfPresent(jwt, PlatformClaims.ROLES, errors);
		requireListIfPresent(jwt, PlatformClaims.PERMISSIONS, errors);
		Object superuser = jwt.getClaims().get(PlatformClaims.IS_SUPERUSER);
		if (superuser != null && !(superuser instanceof Boolean)) {
			errors.add(error("The " + PlatformClaims.IS_SUPERUSER + " claim is not a boolean"));
		}
		return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
	}

	private static void requireText(Jwt jwt, String claim, List<OAuth2Error> errors) {
		if (!(jwt.getClaims().get(claim) instanceof String value) || value.isBlank()) {
			errors.add(error("The " + claim + " claim is missing"));
		}
	}

	private static void requireUuid(Jwt jwt, String claim, List<OAuth2Error> errors) {
		if (!(jwt.getClaims().get(claim) instanceof String value) || !isUuid(value)) {
			errors.add(error("The " + claim + " claim is missing or not a UUID"));
		}
	}

	private static void requireListIfPresent(Jwt jwt, String claim, List<OAuth2Error> errors) {
		Object value = jwt.getClaims().get(claim);
		if (value != null && !(value instanceof Collection<?>)) {
			errors.add(error("The " + claim + " claim is not a list"));
		}
	}

	private static boolean isUuid(String value) {
		try {
			UUID.fromString(value);
			return value.length() == 36;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static OAuth2Error error(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
	}

}
