package io.temponest.auth.tenancy;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.auth.web.ClientInfos;
import io.temponest.security.AuthPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenant administration: invitations, members and their roles. A tenant's admin acts in
 * that tenant only; a superuser may act in any.
 */
@RestController
@RequestMapping("/tenants/{tenantId}")
@Tag(name = "tenants")
class TenantController {

	private final Invitations invitations;

	private final Members members;

	TenantController(Invitations invitations, Members members) {
		this.invitations = invitations;
		this.members = members;
	}

	@PostMapping("/invitations")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Invite an email address into the tenant (admin of the tenant or superuser)",
			responses = @ApiResponse(responseCode = "409", description = "The email is already registered"))
	InvitationResponse invite(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID tenantId,
			@Valid @RequestBody InvitationRequest request, HttpServletRequest http) {
		return InvitationResponse.of(this.invitations.create(caller, tenantId, request.email(), request.rolesOrEmpty(),
				ClientInfos.of(http)));
	}

	@GetMapping("/members")
	@Operation(summary = "List the tenant's members, ordered by email (keyset pagination)")
	MemberPageResponse members(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID tenantId,
			@RequestParam(required = false) @Nullable @Size(max = 320) String after,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Members.MAX_PAGE_SIZE) int limit) {
		return MemberPageResponse.of(this.members.list(caller, tenantId, after, limit));
	}

	@PutMapping("/members/{userId}/roles")
	@Operation(summary = "Replace a member's roles (admin of the tenant or superuser)",
			responses = {
					@ApiResponse(responseCode = "200", description = "The member",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = MemberResponse.class))),
					@ApiResponse(responseCode = "409", description = "The tenant would be left without an admin") })
	MemberResponse changeRoles(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID tenantId,
			@PathVariable UUID userId, @Valid @RequestBody RolesRequest request, HttpServletRequest http) {
		return MemberResponse
			.of(this.members.changeRoles(caller, tenantId, userId, request.roles(), ClientInfos.of(http)));
	}

	@PostMapping("/members/{userId}/deactivate")
	@Operation(summary = "Deactivate a member and revoke their refresh tokens (admin of the tenant or superuser)",
			responses = {
					@ApiResponse(responseCode = "200", description = "The member",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = MemberResponse.class))),
					@ApiResponse(responseCode = "409", description = "The tenant would be left without an admin") })
	MemberResponse deactivate(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID tenantId,
			@PathVariable UUID userId, HttpServletRequest http) {
		return MemberResponse.of(this.members.deactivate(caller, tenantId, userId, ClientInfos.of(http)));
	}

}
