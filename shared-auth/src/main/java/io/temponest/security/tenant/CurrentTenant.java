package io.temponest.security.tenant;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.TenantScope;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The tenant of the current thread: an explicit {@link TenantScope} first, else the
 * authenticated principal's tenant.
 */
public final class CurrentTenant implements Supplier<Optional<UUID>> {

	@Override
	public Optional<UUID> get() {
		Optional<UUID> explicit = TenantScope.explicitTenant();
		if (explicit.isPresent()) {
			return explicit;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof AuthPrincipal principal) {
			return Optional.of(principal.tenantUuid());
		}
		return Optional.empty();
	}

}
