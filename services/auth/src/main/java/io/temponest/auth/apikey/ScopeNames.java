package io.temponest.auth.apikey;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scopes a key may be given: the names of the permissions table, also accepted in the
 * reversed {@code action:resource} form ({@code read:agents} for {@code agents:read}) and
 * always stored in the canonical form.
 */
@Component
class ScopeNames {

	private final JdbcClient jdbc;

	ScopeNames(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every permission name.
	 * @return the names
	 */
	Set<String> known() {
		return new HashSet<>(this.jdbc.sql("SELECT name FROM auth.permissions").query(String.class).list());
	}

	/**
	 * The canonical names of requested scopes, in request order without duplicates.
	 * @param requested the scopes as requested
	 * @return the canonical permission names
	 * @throws InvalidApiKeyRequestException when a scope names no permission
	 */
	List<String> canonical(List<String> requested) {
		Set<String> known = known();
		Set<String> canonical = new LinkedHashSet<>();
		for (String scope : requested) {
			String name = known.contains(scope) ? scope : reversed(scope);
			if (name == null || !known.contains(name)) {
				throw new InvalidApiKeyRequestException("scopes", "must name known permissions");
			}
			canonical.add(name);
		}
		return List.copyOf(canonical);
	}

	private static @Nullable String reversed(String scope) {
		int colon = scope.indexOf(':');
		if (colon <= 0 || colon == scope.length() - 1 || colon != scope.lastIndexOf(':')) {
			return null;
		}
		return scope.substring(colon + 1) + ":" + scope.substring(0, colon);
	}

}
