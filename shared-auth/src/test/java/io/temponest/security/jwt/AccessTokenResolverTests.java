package io.temponest.security.jwt;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AccessTokenResolver}: the same answers as Spring Security's resolver for every
 * header, without its regular expression on well-formed ones, and API keys left alone.
 */
class AccessTokenResolverTests {

	private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl-_";

	private final AccessTokenResolver resolver = new AccessTokenResolver();

	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Test
	void resolveWhenAnyHeaderThenAnswersAsSpringSecurity() {
		List<String> headers = Arrays.asList(null, "", "Bearer", "Bearer ", "Bearer " + JWT, "bearer " + JWT,
				"BEARER " + JWT, "Bearer " + JWT + "==", "Bearer a+b/c~d.e_f-g=", "Bearer ==", "Bearer a=b",
				"Bearer  " + JWT, "Bearer " + JWT + " ", "Bearer " + JWT + "\t", "Bearer a,b", "Bearer é",
				"Bearertoken", "Basic dXNlcjpwYXNz", "Token " + JWT, "bearer", "Bearer \u0000");
		for (String header : headers) {
			assertThat(outcome(this.resolver, header)).as("Authorization: %s", header)
				.isEqualTo(outcome(this.spring, header));
		}
	}

	@Test
	void resolveWhenWellFormedThenTokenWithoutTheRegularExpression() {
		assertThat(AccessTokenResolver.wellFormedToken("Bearer " + JWT)).isEqualTo(JWT);
		assertThat(AccessTokenResolver.wellFormedToken("bEaReR abc==")).isEqualTo("abc==");
		assertThat(AccessTokenResolver.wellFormedToken("Bearer abc=d")).isNull();
		assertThat(AccessTokenResolver.wellFormedToken("Bearer ==")).isNull();
	}

	@Test
	void resolveWhenApiKeyThenLeftToTheApiKeyFilter() {
		String key = "sk_" + "a1".repeat(32);
		assertThat(this.resolver.resolve(request("Bearer " + key))).isNull();
		assertThat(this.spring.resolve(request("Bearer " + key))).isEqualTo(key);
	}

	@Test
	void resolveWhenMalformedThenSpringSecuritysError() {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.resolver.resolve(request("Bearer not a token")))
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).isEqualTo("Bearer token is malformed"));
	}

	private static String outcome(BearerTokenResolver resolver, String header) {
		try {
			return "token:" + resolver.resolve(request(header));
		}
		catch (OAuth2AuthenticationException ex) {
			return "error:" + ex.getError().getErrorCode() + ":" + ex.getError().getDescription();
		}
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

}
