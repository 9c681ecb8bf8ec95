package io.temponest.auth.user;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Names of the seeded roles, and the synthetic role of API-key principals. */
public final class Roles {

	/** Full access including user management. */
	public static final String ADMIN = "admin";

	/** Department management and approvals. */
	public static final String MANAGER = "manager";

	/** Agent execution. */
	public static final String DEVELOPER = "developer";

	/** Read-only access. */
	public static final String VIEWER = "viewer";

	/** Role of principals authenticated by an API key (never stored). */
	public static final String API_KEY = "api-key";

	/** Every stored role. */
	public static final List<String> ALL = List.of(ADMIN, MANAGER, DEVELOPER, VIEWER);

	private Roles() {
	}

	/**
	 * Check role names.
	 * @param roles the requested names
	 * @return the distinct names, sorted
	 * @throws UnknownRoleException when one is not a stored role, or none is given
	 */
	public static List<String> validated(Collection<String> roles) {
		Set<String> wanted = new TreeSet<>(roles);
		if (wanted.isEmpty() || !ALL.containsAll(wanted)) {
			throw new UnknownRoleException();
		}
		return List.copyOf(wanted);
	}

}
