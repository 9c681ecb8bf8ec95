package io.temponest.auth.login;

import java.util.Map;
import java.util.UUID;

import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.refresh.Consumption;
import io.temponest.auth.refresh.RefreshTokens;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.token.AccessTokenSubject;
import io.temponest.auth.token.IssuedToken;
import io.temponest.auth.token.RefreshClaims;
import io.temponest.auth.token.TokenIssuer;
import io.temponest.auth.user.Credentials;
import io.temponest.auth.user.InactiveUserException;
import io.temponest.auth.user.UserAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Refresh-token rotation: spend the presented token and issue a successor in its family;
 * within the reuse grace period after a rotation, hand out the same (still unused)
 * successor again; on a replay, revoke the family (committed, and audited as
 * {@code refresh_token_reuse}) and reject.
 */
@Component
class TokenRotation {

	private final RefreshTokens refreshTokens;

	private final UserAccounts accounts;

	private final TokenIssuer issuer;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	TokenRotation(RefreshTokens refreshTokens, UserAccounts accounts, TokenIssuer issuer, AuditLog audit,
			TenantTransactions transactions) {
		this.refreshTokens = refreshTokens;
		this.accounts = accounts;
		this.issuer = issuer;
		this.audit = audit;
		this.transactions = transactions;
	}

	TokenPair rotate(String refreshToken, ClientInfo client) {
		RefreshClaims claims = this.refreshTokens.verify(refreshToken).orElseThrow(InvalidRefreshTokenException::new);
		UUID tenantId = this.refreshTokens.tenantOf(claims.jti())
			.filter(claims.tenantId()::equals)
			.orElseThrow(InvalidRefreshTokenException::new);
		Rotated rotated = this.transactions.write(tenantId, () -> rotateInTransaction(claims, client));
		if (rotated == null) {
			throw new InvalidRefreshTokenException();
		}
		Credentials account = rotated.account();
		IssuedToken access = this.issuer.issueAccess(new AccessTokenSubject(account.userId(), tenantId, account.email(),
				account.grants().roles(), account.grants().permissions(), account.superuser()));
		return TokenPair.of(access, rotated.refresh(), account.userId(), tenantId);
	}

	/** Returns {@code null} when the token must be rejected after committing. */
	private @Nullable Rotated rotateInTransaction(RefreshClaims claims, ClientInfo client) {
		Consumption consumption = this.refreshTokens.consume(claims);
		UUID familyId = consumption.familyId();
		switch (consumption.outcome()) {
			case REUSED -> {
				if (familyId != null) {
					this.refreshTokens.revokeFamily(familyId);
				}
				this.audit.record(AuditEvent.of(claims.tenantId(), claims.userId(), "refresh_token_reuse")
					.on("refresh_token", claims.jti())
					.with(Map.of("family_id", String.valueOf(familyId)))
					.from(client));
				return null;
			}
			case INVALID -> {
				return null;
			}
			default -> {
				Credentials account = this.accounts.credentials(claims.userId())
					.orElseThrow(InvalidRefreshTokenException::new);
				if (!account.tenantActive()) {
					throw new InvalidRefreshTokenException();
				}
				if (!account.active()) {
					throw new InactiveUserException();
				}
				Consumption.Successor successor = consumption.successor();
				IssuedToken next = (successor != null)
						? this.refreshTokens.reissue(account.userId(), claims.tenantId(), successor)
						: this.refreshTokens.issue(account.userId(), claims.tenantId(), familyId, claims.jti());
				return new Rotated(account, next);
			}
		}
	}

	/** A successful rotation. */
	private record Rotated(Credentials account, IssuedToken refresh) {

	}

}
