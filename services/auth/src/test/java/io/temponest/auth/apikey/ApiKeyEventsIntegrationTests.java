package io.temponest.auth.apikey;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.Sha256;
import io.temponest.security.tenant.TenantTransactions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Platform events of API keys: {@code api_key.created} and {@code api_key.revoked} in
 * {@code auth.event_outbox}, written in the transaction of the change (never the key or
 * its hash), none for a failed change, and the outbox's rows visible to their tenant
 * only.
 */
@AuthIntegrationTest
class ApiKeyEventsIntegrationTests {

	private static final List<String> READ = List.of("agents:read");

	@Autowired
	private ApiKeys apiKeys;

	@Autowired
	private ApiKeyVerifier verifier;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private EventOutbox events;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void createWhenByUserThenApiKeyCreatedEventWithoutTheKey() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		CreatedApiKey created = this.apiKeys.create(this.fixtures.principal(user), "CI key",
				List.of("agents:read", "costs:read"), 30, ClientInfo.NONE);
		List<Fixtures.Event> events = this.fixtures.events(user.tenantId());
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("api_key.created");
			assertThat(event.userId()).isEqualTo(user.id());
			assertThat(event.state()).isEqualTo("pending");
			JsonNode payload = event.payload();
			assertThat(payload.get("level").asString()).isEqualTo("success");
			assertThat(payload.get("resource_type").asString()).isEqualTo("api_key");
			assertThat(payload.get("resource_id").asString()).isEqualTo(created.key().id().toString());
			assertThat(payload.get("message").asString()).isEqualTo("API key \"CI key\" created");
			JsonNode details = payload.get("details");
			assertThat(details.get("name").asString()).isEqualTo("CI key");
			assertThat(details.get("prefix").asString()).isEqualTo(created.key().keyPrefix());
			assertThat(details.get("permissions").toString()).isEqualTo("[\"agents:read\",\"costs:read\"]");
			assertThat(payload.toString()).doesNotContain(created.plaintext())
				.doesNotContain(Sha256.hex(created.plaintext()));
		});
	}

	@Test
	void createWhenItsTransactionRollsBackThenNeitherKeyNorEvent() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		AuthPrincipal caller = this.fixtures.principal(user);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.transactions.run(user.tenantId(), () -> {
				this.apiKeys.create(caller, "Rolled back", READ, null, ClientInfo.NONE);
				assertThat(this.jdbc.sql("SELECT count(*) FROM auth.event_outbox").query(Long.class).single()).isOne();
				throw new IllegalStateException("roll back");
			}));
		assertThat(this.apiKeys.list(caller)).isEmpty();
		assertThat(this.fixtures.events(user.tenantId())).isEmpty();
	}

	@Test
	void createWhenRefusedThenNoEvent() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		AuthPrincipal owner = this.fixtures.principal(user);
		assertThatExceptionOfType(ApiKeyForbiddenException.class)
			.isThrownBy(() -> this.apiKeys.create(owner, "Too wide", List.of("agents:execute"), null, ClientInfo.NONE));
		assertThatExceptionOfType(InvalidApiKeyRequestException.class)
			.isThrownBy(() -> this.apiKeys.create(owner, "No scopes", List.of(), null, ClientInfo.NONE));
		assertThat(this.fixtures.events(user.tenantId())).isEmpty();
	}

	@Test
	void revokeWhenKeyWithDescendantThenRevokedEventForEachOnceAndWarn() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		AuthPrincipal owner = this.fixtures.principal(user);
		CreatedApiKey parent = this.apiKeys.create(owner, "Parent", List.of("agents:read", "api_keys:manage"), null,
				ClientInfo.NONE);
		AuthPrincipal viaParent = this.verifier.verify(parent.plaintext()).orElseThrow();
		CreatedApiKey child = this.apiKeys.create(viaParent, "Child", READ, null, ClientInfo.NONE);
		this.apiKeys.revoke(owner, parent.key().id(), ClientInfo.NONE);
		this.apiKeys.revoke(owner, parent.key().id(), ClientInfo.NONE);
		List<Fixtures.Event> revoked = this.fixtures.events(user.tenantId())
			.stream()
			.filter((event) -> event.type().equals("api_key.revoked"))
			.toList();
		assertThat(revoked).hasSize(2).allSatisfy((event) -> {
			assertThat(event.userId()).isEqualTo(user.id());
			assertThat(event.payload().get("level").asString()).isEqualTo("warn");
			assertThat(event.payload().get("resource_type").asString()).isEqualTo("api_key");
		});
		Map<String, JsonNode> byKey = Map.of(revoked.get(0).payload().get("resource_id").asString(),
				revoked.get(0).payload(), revoked.get(1).payload().get("resource_id").asString(),
				revoked.get(1).payload());
		JsonNode parentEvent = byKey.get(parent.key().id().toString());
		assertThat(parentEvent.get("message").asString()).isEqualTo("API key \"Parent\" revoked");
		assertThat(parentEvent.get("details").get("name").asString()).isEqualTo("Parent");
		assertThat(parentEvent.get("details").has("revoked_with")).isFalse();
		JsonNode childEvent = byKey.get(child.key().id().toString());
		assertThat(childEvent.get("message").asString()).isEqualTo("API key \"Child\" revoked");
		assertThat(childEvent.get("details").get("revoked_with").asString()).isEqualTo(parent.key().id().toString());
		assertThat(this.fixtures.events(user.tenantId())).extracting(Fixtures.Event::type)
			.containsExactlyInAnyOrder("api_key.created", "api_key.created", "api_key.revoked", "api_key.revoked");
	}

	@Test
	void revokeWhenUnknownKeyThenNoEvent() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		assertThatExceptionOfType(ApiKeyNotFoundException.class)
			.isThrownBy(() -> this.apiKeys.revoke(this.fixtures.principal(user), UUID.randomUUID(), ClientInfo.NONE));
		assertThat(this.fixtures.events(user.tenantId())).isEmpty();
	}

	@Test
	void outboxWhenReadOrWrittenAsRuntimeRoleThenOnlyTheCurrentTenantsRows() {
		Fixtures.User a = this.fixtures.user(this.fixtures.tenant(), "viewer");
		Fixtures.User b = this.fixtures.user(this.fixtures.tenant(), "viewer");
		this.apiKeys.create(this.fixtures.principal(a), "A", READ, null, ClientInfo.NONE);
		this.apiKeys.create(this.fixtures.principal(b), "B", READ, null, ClientInfo.NONE);
		assertThat(this.transactions.read(a.tenantId(),
				() -> this.jdbc.sql("SELECT DISTINCT tenant_id FROM auth.event_outbox").query(UUID.class).list()))
			.containsExactly(a.tenantId());
		assertThat(this.jdbc.sql("SELECT count(*) FROM auth.event_outbox").query(Long.class).single()).isZero();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.transactions.run(a.tenantId(),
					() -> this.events.publish(new PlatformEvent("api_key.created", b.tenantId(), b.id(),
							EventLevel.INFO, "api_key", "x", "Intruder", Map.of()))))
			.havingRootCause()
			.withMessageContaining("row-level security");
		assertThat(this.fixtures.events(b.tenantId())).hasSize(1);
	}

}
