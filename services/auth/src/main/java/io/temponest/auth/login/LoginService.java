package io.temponest.auth.login;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.password.PasswordHasher;
import io.temponest.auth.password.PasswordHashingBusyException;
import io.temponest.auth.refresh.RefreshTokens;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.token.AccessTokenSubject;
import io.temponest.auth.token.IssuedToken;
import io.temponest.auth.token.TokenIssuer;
import io.temponest.auth.user.Credentials;
import io.temponest.auth.user.Grants;
import io.temponest.auth.user.InactiveUserException;
import io.temponest.auth.user.LoginTarget;
import io.temponest.auth.user.UnknownUserException;
import io.temponest.auth.user.UserAccounts;
import io.temponest.auth.user.UserView;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.RevokedTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Sign-in, token refresh, sign-out and "who am I". The password check runs outside any
 * transaction, so a slow bcrypt never holds a database connection.
 */
@Service
public class LoginService {

	private static final int MAX_AUDITED_EMAIL = 254;

	private final UserAccounts accounts;

	private final PasswordHasher hasher;

	private final TokenIssuer issuer;

	private final RefreshTokens refreshTokens;

	private final TokenRotation rotation;

	private final RevokedTokens revokedTokens;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final LoginMetrics metrics;

	LoginService(UserAccounts accounts, PasswordHasher hasher, TokenIssuer issuer, RefreshTokens refreshTokens,
			TokenRotation rotation, RevokedTokens revokedTokens, AuditLog audit, TenantTransactions transactions,
			LoginMetrics metrics) {
		this.accounts = accounts;
		this.hasher = hasher;
		this.issuer = issuer;
		this.refreshTokens = refreshTokens;
		this.rotation = rotation;
		this.revokedTokens = revokedTokens;
		this.audit = audit;
		this.transactions = transactions;
		this.metrics = metrics;
	}

	/**
	 * Sign in with email and password.
	 * @param email the email (matched case-insensitively)
	 * @param password the password
	 * @param client where the request came from
	 * @return access and refresh tokens
	 * @throws InvalidCredentialsException unknown email, wrong password or inactive
	 * tenant
	 * @throws InactiveUserException right password, deactivated user
	 * @throws PasswordHashingBusyException too many password checks in progress
	 */
	public TokenPair login(String email, String password, ClientInfo client) {
		Optional<LoginTarget> target = this.accounts.findLogin(email);
		Optional<Credentials> credentials = target
			.flatMap((found) -> this.accounts.credentialsOf(found.tenantId(), found.userId()));
		if (credentials.isEmpty()) {
			checkPassword(() -> {
				this.hasher.verifyDummy(password);
				return false;
			});
			this.audit.recordUnknownLoginFailure(Map.of("email", truncate(email), "reason", "unknown_email"), client);
			this.metrics.failure();
			throw new InvalidCredentialsException();
		}
		Credentials account = credentials.get();
		boolean matches = checkPassword(() -> this.hasher.verify(password, account.hashedPassword()));
		if (!matches || !account.tenantActive()) {
			auditFailure(account, matches ? "tenant_inactive" : "wrong_password", client);
			this.metrics.failure();
			throw new InvalidCredentialsException();
		}
		if (!account.active()) {
			auditFailure(account, "user_inactive", client);
			this.metrics.inactive();
			throw new InactiveUserException();
		}
		UUID userId = account.userId();
		UUID tenantId = account.tenantId();
		IssuedToken refresh = this.transactions.write(tenantId, () -> {
			this.accounts.recordLogin(userId);
			IssuedToken issued = this.refreshTokens.issue(userId, tenantId, null, null);
			this.audit.record(AuditEvent.of(tenantId, userId, "login").on("user", null).from(client));
			return issued;
		});
		Grants grants = account.grants();
		IssuedToken access = this.issuer.issueAccess(new AccessTokenSubject(userId, tenantId, account.email(),
				grants.roles(), grants.permissions(), account.superuser()));
		this.metrics.success();
		return TokenPair.of(access, refresh, userId, tenantId);
	}

	/**
	 * Exchange a refresh token for a new pair; the presented token is spent. Presented
	 * again within the reuse grace period while its successor is unused, it gets that
	 * same successor (and a fresh access token).
	 * @param refreshToken the refresh token
	 * @param client where the request came from
	 * @return new access and refresh tokens
	 * @throws InvalidRefreshTokenException invalid, expired, unknown, used (outside the
	 * grace period) or revoked token (a used or revoked one also revokes its whole
	 * family)
	 * @throws InactiveUserException the user was deactivated
	 */
	public TokenPair refresh(String refreshToken, ClientInfo client) {
		return this.rotation.rotate(refreshToken, client);
	}

	/**
	 * Sign out: deny-list the access token until it expires and revoke the refresh
	 * token's family.
	 * @param principal the signed-in principal
	 * @param accessJti the access token's id
	 * @param accessExpiresAt when the access token expires
	 * @param refreshToken the refresh token to revoke with it, if the client sent one
	 * @param client where the request came from
	 */
	public void logout(AuthPrincipal principal, String accessJti, Instant accessExpiresAt,
			@Nullable String refreshToken, ClientInfo client) {
		this.revokedTokens.revoke(accessJti, accessExpiresAt);
		UUID tenantId = principal.tenantUuid();
		UUID userId = principal.userUuid().orElse(null);
		this.transactions.run(tenantId, () -> {
			if (refreshToken != null && userId != null) {
				this.refreshTokens.verify(refreshToken)
					.filter((claims) -> claims.userId().equals(userId) && claims.tenantId().equals(tenantId))
					.flatMap((claims) -> this.refreshTokens.familyOf(claims.jti(), userId))
					.ifPresent(this.refreshTokens::revokeFamily);
			}
			this.audit.record(AuditEvent.of(tenantId, userId, "logout").on("user", null).from(client));
		});
	}

	/**
	 * The signed-in user.
	 * @param principal the principal
	 * @return the user with its current grants
	 * @throws UnknownUserException the principal is a user-less API key or its user is
	 * gone
	 */
	public UserView me(AuthPrincipal principal) {
		UUID userId = principal.userUuid().orElseThrow(UnknownUserException::new);
		return this.accounts.viewOf(principal.tenantUuid(), userId).orElseThrow(UnknownUserException::new);
	}

	private boolean checkPassword(BooleanSupplier check) {
		try {
			return check.getAsBoolean();
		}
		catch (PasswordHashingBusyException ex) {
			this.metrics.shed();
			throw ex;
		}
	}

	private void auditFailure(Credentials account, String reason, ClientInfo client) {
		this.transactions.run(account.tenantId(),
				() -> this.audit.record(AuditEvent.of(account.tenantId(), account.userId(), "login_failed")
					.on("user", null)
					.with(Map.of("reason", reason))
					.from(client)));
	}

	private static String truncate(String email) {
		return (email.length() > MAX_AUDITED_EMAIL) ? email.substring(0, MAX_AUDITED_EMAIL) : email;
	}

}
