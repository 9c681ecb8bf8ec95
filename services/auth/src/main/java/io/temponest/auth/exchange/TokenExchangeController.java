package io.temponest.auth.exchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.auth.token.IssuedToken;
import io.temponest.auth.web.ClientInfos;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token exchange for registered services ({@code POST /auth/token/exchange}, an
 * {@code application/x-www-form-urlencoded} body, the client authenticated by HTTP Basic
 * with its form-encoded client id and secret, RFC 6749 §2.3.1).
 */
@RestController
@RequestMapping("/auth")
@Tag(name = "auth")
class TokenExchangeController {

	private static final String BASIC = "Basic ";

	private final TokenExchange exchange;

	TokenExchangeController(TokenExchange exchange) {
		this.exchange = exchange;
	}

	@PostMapping(path = "/token/exchange", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Exchange a service's client credentials for a short-lived access token of a user it acts for "
			+ "(RFC 8693: grant_type=" + TokenExchange.GRANT_TYPE + ", subject_token=<user id>, subject_token_type="
			+ TokenExchange.USER_ID_TOKEN_TYPE + ", tenant_id=<tenant id>, optional scope=<permissions the user must "
			+ "hold> and requested_token_type=" + TokenExchange.ACCESS_TOKEN_TYPE
			+ "; client id and secret by HTTP Basic)",
			responses = {
					@ApiResponse(responseCode = "200", description = "The user's access token, with an act claim",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = ExchangeResponse.class))),
					@ApiResponse(responseCode = "400",
							description = "invalid_request, unsupported_grant_type, invalid_grant (user gone, "
									+ "deactivated or not in the tenant; tenant inactive) or invalid_scope"),
					@ApiResponse(responseCode = "401", description = "invalid_client") })
	ResponseEntity<ExchangeResponse> exchange(@RequestParam MultiValueMap<String, String> form,
			HttpServletRequest http) {
		String[] credentials = basicCredentials(http.getHeader(HttpHeaders.AUTHORIZATION));
		ExchangeRequest request = new ExchangeRequest(credentials[0], credentials[1], single(form, "grant_type"),
				single(form, "subject_token"), single(form, "subject_token_type"), single(form, "tenant_id"),
				single(form, "requested_token_type"), single(form, "scope"));
		IssuedToken token = this.exchange.exchange(request, ClientInfos.of(http));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(ExchangeResponse.of(token));
	}

	private static @Nullable String single(MultiValueMap<String, String> form, String name) {
		List<String> values = form.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		return (values.size() == 1) ? values.get(0) : ExchangeRequest.REPEATED;
	}

	/**
	 * The client id and secret of an HTTP Basic header; {@code null}s when absent or
	 * malformed.
	 */
	private static @Nullable String[] basicCredentials(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return new String[2];
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon <= 0) {
				return new String[2];
			}
			return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			return new String[2];
		}
	}

}
