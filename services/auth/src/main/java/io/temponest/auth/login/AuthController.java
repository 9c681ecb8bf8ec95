package io.temponest.auth.login;

import java.text.ParseException;
import java.time.Instant;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.auth.user.UnknownUserException;
import io.temponest.auth.user.InactiveUserException;
import io.temponest.auth.user.UserResponse;
import io.temponest.auth.user.UserView;
import io.temponest.auth.web.ClientInfos;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.PlatformAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in, token refresh, sign-out and "who am I". */
@RestController
@RequestMapping("/auth")
@Tag(name = "auth")
class AuthController {

	private final LoginService logins;

	AuthController(LoginService logins) {
		this.logins = logins;
	}

	@PostMapping("/login")
	@Operation(summary = "Sign in with email and password",
			responses = {
					@ApiResponse(responseCode = "200", description = "A token pair",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = TokenResponse.class))),
					@ApiResponse(responseCode = "401", description = "Incorrect email or password"),
					@ApiResponse(responseCode = "403", description = "User account is inactive") })
	TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		return TokenResponse.of(this.logins.login(request.email(), request.password(), ClientInfos.of(http)));
	}

	@PostMapping("/refresh")
	@Operation(summary = "Exchange a refresh token for a new token pair (the old refresh token is spent)",
			responses = {
					@ApiResponse(responseCode = "200", description = "A new token pair",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = TokenResponse.class))),
					@ApiResponse(responseCode = "401",
							description = "Invalid refresh token (a reused one also revokes its family)"),
					@ApiResponse(responseCode = "403", description = "User account is inactive") })
	TokenResponse refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
		return TokenResponse.of(this.logins.refresh(request.refreshToken(), ClientInfos.of(http)));
	}

	@PostMapping("/logout")
	@Operation(summary = "Revoke the presented access token and, if given, the refresh token's family",
			responses = @ApiResponse(responseCode = "204", description = "Signed out"))
	ResponseEntity<Void> logout(@Valid @RequestBody(required = false) @Nullable LogoutRequest request,
			PlatformAuthentication authentication, HttpServletRequest http) {
		AuthPrincipal principal = authentication.getPrincipal();
		if (principal.authType() != AuthType.JWT) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
					ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
							"Logout needs an access token; revoke API keys with DELETE /api-keys/{id}"),
					null);
		}
		JWTClaimsSet claims = claimsOf(authentication.getCredentials());
		Instant expiresAt = claims.getExpirationTime().toInstant();
		this.logins.logout(principal, claims.getJWTID(), expiresAt, (request != null) ? request.refreshToken() : null,
				ClientInfos.of(http));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me")
	@Operation(summary = "The signed-in user")
	UserResponse me(@AuthenticationPrincipal AuthPrincipal principal) {
		UserView user = this.logins.me(principal);
		if (!user.active()) {
			throw new InactiveUserException();
		}
		return UserResponse.of(user);
	}

	private static JWTClaimsSet claimsOf(String verifiedToken) {
		try {
			// verified by the security filter chain already: only the claims are read
			return SignedJWT.parse(verifiedToken).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new UnknownUserException();
		}
	}

}
