package io.temponest.auth.tenancy;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /tenants/{tenantId}/members/{userId}/roles}.
 *
 * @param roles the member's new roles
 */
record RolesRequest(@NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 50) String> roles) {

}
