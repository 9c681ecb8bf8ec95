package io.temponest.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: its principal is the {@link AuthPrincipal}, its name the user
 * id, its authorities the permissions plus {@code ROLE_<role>} for every role.
 */
public final class PlatformAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	/** Prefix of role authorities. */
	public static final String ROLE_PREFIX = "ROLE_";

	private final AuthPrincipal principal;

	private final String credential;

	/**
	 * Create an authenticated token.
	 * @param principal the verified caller
	 * @param credential the access token or API key the caller presented, kept so that
	 * calls to other services can propagate it
	 */
	public PlatformAuthentication(AuthPrincipal principal, String credential) {
		super(authoritiesOf(principal));
		this.principal = principal;
		this.credential = credential;
		setAuthenticated(true);
	}

	/**
	 * The authorities granted to a principal.
	 * @param principal the principal
	 * @return its permissions and {@code ROLE_<role>} for each role
	 */
	public static List<GrantedAuthority> authoritiesOf(AuthPrincipal principal) {
		List<GrantedAuthority> authorities = new ArrayList<>(principal.permissions().size() + principal.roles().size());
		for (String permission : principal.permissions()) {
			authorities.add(new SimpleGrantedAuthority(permission));
		}
		for (String role : principal.roles()) {
			authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role));
		}
		return authorities;
	}

	@Override
	public AuthPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public String getCredentials() {
		return this.credential;
	}

	@Override
	public String getName() {
		return this.principal.userId();
	}

}
