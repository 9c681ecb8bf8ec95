package io.temponest.auth.exchange;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.token.AccessTokenSubject;
import io.temponest.auth.token.IssuedToken;
import io.temponest.auth.token.TokenIssuer;
import io.temponest.auth.user.Credentials;
import io.temponest.auth.user.UserAccounts;
import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Exchanges a registered service's credentials for a short-lived access token of a user
 * it acts for (RFC 8693 semantics; the user named by id and tenant). The token carries
 * the user's current roles and permissions, read from the database, and an {@code act}
 * claim naming the service. Every exchange, granted or refused, is written to the audit
 * log: in the user's tenant when the user was found there, else as a row without tenant.
 */
@Service
public class TokenExchange {

	/** The {@code grant_type} of token exchange. */
	public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

	/** The {@code subject_token_type} of a user id. */
	public static final String USER_ID_TOKEN_TYPE = "urn:temponest:params:oauth:token-type:user-id";

	/**
	 * The {@code requested_token_type} and {@code issued_token_type} of access tokens.
	 */
	public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	static final String GRANTED = "token_exchange";

	static final String REFUSED = "token_exchange_failed";

	private static final Pattern SCOPE_TOKEN = Pattern.compile("[a-z_]{1,50}:[a-z_]{1,50}");

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

	private static final int MAX_SCOPES = 20;

	private static final int MAX_AUDITED_LENGTH = 100;

	private final ServiceClients clients;

	private final UserAccounts accounts;

	private final TokenIssuer issuer;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final Duration tokenTtl;

	TokenExchange(ServiceClients clients, UserAccounts accounts, TokenIssuer issuer, AuditLog audit,
			TenantTransactions transactions, TokenExchangeProperties properties) {
		this.clients = clients;
		this.accounts = accounts;
		this.issuer = issuer;
		this.audit = audit;
		this.transactions = transactions;
		this.tokenTtl = properties.tokenTtl();
	}

	/**
	 * Exchange a client's credentials for a user's access token.
	 * @param request the request
	 * @param client where the request came from
	 * @return the user's access token, with an {@code act} claim naming the client
	 * @throws TokenExchangeRefusedException when the client is not authenticated, the
	 * request is malformed, the user is gone, deactivated or not in the tenant, its
	 * tenant is inactive, or the user lacks a requested permission
	 */
	public IssuedToken exchange(ExchangeRequest request, ClientInfo client) {
		String clientId = request.clientId();
		if (clientId == null || request.clientSecret() == null
				|| !this.clients.authenticate(clientId, request.clientSecret())) {
			throw refuseUnplaced(request, client, ExchangeErrors.INVALID_CLIENT, "Client authentication failed");
		}
		if (request.hasRepeatedParameter()) {
			throw refuseUnplaced(request, client, ExchangeErrors.INVALID_REQUEST, "Parameters must not be repeated");
		}
		if (!GRANT_TYPE.equals(request.grantType())) {
			throw refuseUnplaced(request, client, ExchangeErrors.UNSUPPORTED_GRANT_TYPE,
					"grant_type must be " + GRANT_TYPE);
		}
		if (!USER_ID_TOKEN_TYPE.equals(request.subjectTokenType())) {
			throw refuseUnplaced(request, client, ExchangeErrors.INVALID_REQUEST,
					"subject_token_type must be " + USER_ID_TOKEN_TYPE);
		}
		if (request.requestedTokenType() != null && !ACCESS_TOKEN_TYPE.equals(request.requestedTokenType())) {
			throw refuseUnplaced(request, client, ExchangeErrors.INVALID_REQUEST,
					"requested_token_type must be " + ACCESS_TOKEN_TYPE);
		}
		UUID userId = uuid(request.subjectToken());
		UUID tenantId = uuid(request.tenantId());
		if (userId == null || tenantId == null) {
			throw refuseUnplaced(request, client, ExchangeErrors.INVALID_REQUEST,
					"subject_token (the user id) and tenant_id must be UUIDs");
		}
		List<String> scopes = scopes(request.scope());
		if (scopes == null) {
			throw refuseUnplaced(request, client, ExchangeErrors.INVALID_REQUEST,
					"scope must list at most " + MAX_SCOPES + " permission names separated by spaces");
		}
		Optional<Credentials> found = this.accounts.credentialsOf(tenantId, userId);
		if (found.isEmpty()) {
			throw refuseUnplaced(request, client, ExchangeErrors.INVALID_GRANT, "User not found in the tenant");
		}
		Credentials user = found.get();
		if (!user.tenantActive()) {
			throw refuse(user, clientId, client, ExchangeErrors.INVALID_GRANT, "Tenant is inactive", Map.of());
		}
		if (!user.active()) {
			throw refuse(user, clientId, client, ExchangeErrors.INVALID_GRANT, "User account is inactive", Map.of());
		}
		List<String> missing = user.superuser() ? List.of()
				: scopes.stream().filter((scope) -> !user.grants().permissions().contains(scope)).toList();
		if (!missing.isEmpty()) {
			throw refuse(user, clientId, client, ExchangeErrors.INVALID_SCOPE,
					"User lacks permission " + String.join(", ", missing), Map.of("missing", missing));
		}
		IssuedToken token = this.issuer.issueDelegated(new AccessTokenSubject(user.userId(), user.tenantId(),
				user.email(), user.grants().roles(), user.grants().permissions(), user.superuser()), clientId,
				this.tokenTtl);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("client_id", clientId);
		details.put("jti", token.jti());
		details.put("expires_at", token.expiresAt().toString());
		details.put("scope", scopes);
		this.transactions.run(user.tenantId(),
				() -> this.audit.record(AuditEvent.of(user.tenantId(), user.userId(), GRANTED)
					.on("user", user.userId())
					.with(details)
					.from(client)));
		return token;
	}

	/** Refuse, auditing in the user's tenant. */
	private TokenExchangeRefusedException refuse(Credentials user, String clientId, ClientInfo client, String error,
			String detail, Map<String, ?> extra) {
		Map<String, Object> details = new LinkedHashMap<>(extra);
		details.put("client_id", clientId);
		details.put("error", error);
		details.put("reason", detail);
		this.transactions.run(user.tenantId(),
				() -> this.audit.record(AuditEvent.of(user.tenantId(), user.userId(), REFUSED)
					.on("user", user.userId())
					.with(details)
					.from(client)));
		return new TokenExchangeRefusedException(error, detail);
	}

	/** Refuse, auditing without a tenant (the client or the user could not be placed). */
	private TokenExchangeRefusedException refuseUnplaced(ExchangeRequest request, ClientInfo client, String error,
			String detail) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("client_id", audited(request.clientId()));
		details.put("user_id", audited(request.subjectToken()));
		details.put("tenant_id", audited(request.tenantId()));
		details.put("error", error);
		details.put("reason", detail);
		this.audit.recordUnplacedTokenExchangeFailure(details, client);
		return new TokenExchangeRefusedException(error, detail);
	}

	private static @Nullable UUID uuid(@Nullable String value) {
		if (value == null || value.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The requested permissions; {@code null} when malformed. */
	private static @Nullable List<String> scopes(@Nullable String scope) {
		if (scope == null || scope.isBlank()) {
			return List.of();
		}
		List<String> scopes = Arrays.stream(scope.strip().split(" +")).distinct().toList();
		boolean valid = scopes.size() <= MAX_SCOPES && scopes.stream().allMatch(SCOPE_TOKEN.asMatchPredicate());
		return valid ? scopes : null;
	}

	/** A value as the audit log keeps it: shortened, without control characters. */
	private static @Nullable String audited(@Nullable String value) {
		if (value == null) {
			return null;
		}
		if (ExchangeRequest.REPEATED.equals(value)) {
			return "(repeated)";
		}
		String shortened = (value.length() > MAX_AUDITED_LENGTH) ? value.substring(0, MAX_AUDITED_LENGTH) : value;
		// jsonb refuses NUL characters
		return CONTROL_CHARACTERS.matcher(shortened).replaceAll("?");
	}

}
