package io.temponest.events;

import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.ServiceTokenClient;

/**
 * Where the relay gets the access token it sends a user's events with. By default the
 * {@link ServiceTokenClient} (token exchange with the auth service); a service that
 * cannot exchange with itself (the auth service) defines a bean of its own that issues
 * the user's token, with an {@code act} claim naming the service, directly.
 */
@FunctionalInterface
public interface EventCredentials {

	/**
	 * An access token of the user.
	 * @param user the user and tenant
	 * @return the compact JWT; a
	 * {@link io.temponest.security.exchange.TokenExchangeException} that refuses the user
	 * dead-letters the events, any other exception has them tried again later
	 */
	String tokenFor(ActingUser user);

	/**
	 * Forget a cached token of the user (the receiver answered 401 or 403).
	 * @param user the user
	 */
	default void evict(ActingUser user) {
	}

	/**
	 * The credentials of a service client.
	 * @param tokens the client
	 * @return credentials that exchange tokens through it
	 */
	static EventCredentials of(ServiceTokenClient tokens) {
		return new EventCredentials() {

			@Override
			public String tokenFor(ActingUser user) {
				return tokens.tokenFor(user);
			}

			@Override
			public void evict(ActingUser user) {
				tokens.evict(user);
			}

		};
	}

}
