package io.temponest.auth.user;

import java.util.List;

/**
 * What a user may do: role names and the distinct permission names of those roles.
 *
 * @param roles role names, sorted
 * @param permissions permission names, sorted
 */
public record Grants(List<String> roles, List<String> permissions) {

	public Grants {
		roles = List.copyOf(roles);
		permissions = List.copyOf(permissions);
	}

}
