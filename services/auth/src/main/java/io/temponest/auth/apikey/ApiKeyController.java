package io.temponest.auth.apikey;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.auth.user.UserAccounts;
import io.temponest.auth.web.ClientInfos;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys of the caller's tenant (managing them needs {@code api_keys:manage}), and the
 * verify endpoint other services call.
 */
@RestController
@RequestMapping("/api-keys")
@Tag(name = "api-keys")
class ApiKeyController {

	private final ApiKeys apiKeys;

	private final UserAccounts accounts;

	ApiKeyController(ApiKeys apiKeys, UserAccounts accounts) {
		this.apiKeys = apiKeys;
		this.accounts = accounts;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('api_keys:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create an API key; the response is the only time the key is shown")
	CreatedApiKeyResponse create(@AuthenticationPrincipal AuthPrincipal caller,
			@Valid @RequestBody ApiKeyCreateRequest request, HttpServletRequest http) {
		this.accounts.requireActive(caller);
		return CreatedApiKeyResponse.of(this.apiKeys.create(caller, request.name(), request.scopes(),
				request.expiresInDays(), ClientInfos.of(http)));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('api_keys:manage')")
	@Operation(summary = "List the tenant's API keys, newest first (revoked ones with is_active=false)")
	List<ApiKeyResponse> list(@AuthenticationPrincipal AuthPrincipal caller) {
		this.accounts.requireActive(caller);
		return this.apiKeys.list(caller).stream().map(ApiKeyResponse::of).toList();
	}

	@GetMapping("/verify")
	@Operation(summary = "Verify the API key presented in X-API-Key or Authorization: Bearer sk_... "
			+ "and return its principal (used by other services)")
	ResponseEntity<AuthPrincipal> verify(@AuthenticationPrincipal AuthPrincipal caller) {
		if (caller.authType() != AuthType.API_KEY) {
			throw new ErrorResponseException(HttpStatus.UNAUTHORIZED,
					ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "An API key is required"), null);
		}
		return ResponseEntity.ok(caller);
	}

	@GetMapping("/{keyId}")
	@PreAuthorize("hasAuthority('api_keys:manage')")
	@Operation(summary = "One API key of the tenant")
	ApiKeyResponse get(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID keyId) {
		this.accounts.requireActive(caller);
		return ApiKeyResponse.of(this.apiKeys.get(caller, keyId));
	}

	@DeleteMapping("/{keyId}")
	@PreAuthorize("hasAuthority('api_keys:manage')")
	@Operation(summary = "Revoke an API key of the tenant (idempotent)",
			responses = @ApiResponse(responseCode = "204", description = "Revoked (or already revoked)"))
	ResponseEntity<Void> revoke(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID keyId,
			HttpServletRequest http) {
		this.accounts.requireActive(caller);
		this.apiKeys.revoke(caller, keyId, ClientInfos.of(http));
		return ResponseEntity.noContent().build();
	}

}
