package io.temponest.auth.exchange;

import java.time.Duration;
import java.util.Optional;

import io.temponest.auth.token.AccessTokenSubject;
import io.temponest.auth.token.TokenIssuer;
import io.temponest.auth.user.Credentials;
import io.temponest.auth.user.UserAccounts;
import io.temponest.events.EventCredentials;
import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.TokenExchangeException;

import org.springframework.stereotype.Component;

/**
 * The tokens this service's platform events are sent with: the auth service cannot
 * exchange tokens with itself, so it issues the user's delegated access token directly,
 * as the exchange would (the user's current roles and permissions, an {@code act} claim
 * naming {@value #ACTOR}, the exchange's token lifetime). A user who is gone, deactivated
 * or whose tenant is inactive is refused, which dead-letters the events.
 */
@Component
class OwnEventCredentials implements EventCredentials {

	/** The {@code act.sub} of the tokens: this service. */
	static final String ACTOR = "auth";

	private final UserAccounts accounts;

	private final TokenIssuer issuer;

	private final Duration tokenTtl;

	OwnEventCredentials(UserAccounts accounts, TokenIssuer issuer, TokenExchangeProperties properties) {
		this.accounts = accounts;
		this.issuer = issuer;
		this.tokenTtl = properties.tokenTtl();
	}

	@Override
	public String tokenFor(ActingUser user) {
		Optional<Credentials> found = this.accounts.credentialsOf(user.tenantId(), user.userId());
		if (found.isEmpty()) {
			throw refused("User not found in the tenant");
		}
		Credentials account = found.get();
		if (!account.tenantActive()) {
			throw refused("Tenant is inactive");
		}
		if (!account.active()) {
			throw refused("User account is inactive");
		}
		return this.issuer
			.issueDelegated(
					new AccessTokenSubject(account.userId(), account.tenantId(), account.email(),
							account.grants().roles(), account.grants().permissions(), account.superuser()),
					ACTOR, this.tokenTtl)
			.value();
	}

	private static TokenExchangeException refused(String reason) {
		return TokenExchangeException.userRefused(ExchangeErrors.INVALID_GRANT, reason);
	}

}
