package io.temponest.security.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.temponest.cache.JsonCache;
import io.temponest.cache.autoconfigure.PlatformCacheAutoConfiguration;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.RevokedTokens;
import io.temponest.security.apikey.ApiKeys;
import io.temponest.security.apikey.ApiKeyVerdict;
import io.temponest.security.apikey.ApiKeyVerdictSource;
import io.temponest.security.apikey.CachingApiKeyVerifier;
import io.temponest.security.jwt.RedisRevokedTokens;
import io.temponest.security.testapp.AuthServiceStub;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ApiKeyAutoConfiguration}: the cached verifier over the auth service or the
 * application's own verdict source, its use of the revocation deny-list, and its
 * back-off.
 */
class ApiKeyAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PlatformCacheAutoConfiguration.class,
				RestClientAutoConfiguration.class, ApiKeyAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=" + TestInfrastructure.get().redisUrl(), "platform.redis.key-prefix="
				+ TestInfrastructure.get().redisKeyPrefix() + "apikey-autoconfig-" + UUID.randomUUID() + ":");

	@Test
	void defaultsThenRemoteVerifierAskingTheConfiguredAuthService() {
		WireMockServer authService = AuthServiceStub.server();
		String path = "/tenant-" + UUID.randomUUID();
		String tenantId = UUID.randomUUID().toString();
		authService.stubFor(get(path + "/api-keys/verify").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"user_id\":\"api-key\",\"tenant_id\":\"" + tenantId
					+ "\",\"email\":\"api-key@system\",\"roles\":[\"api-key\"],\"permissions\":[],\"is_superuser\":false}")));
		this.runner.withPropertyValues("platform.security.auth-service-url=" + AuthServiceStub.baseUrl() + path)
			.run((context) -> {
				assertThat(context).getBean(ApiKeyVerifier.class).isInstanceOf(CachingApiKeyVerifier.class);
				Optional<AuthPrincipal> principal = context.getBean(ApiKeyVerifier.class)
					.verify("sk_" + UUID.randomUUID().toString().replace("-", ""));
				assertThat(principal).hasValueSatisfying((verified) -> {
					assertThat(verified.tenantId()).isEqualTo(tenantId);
					assertThat(verified.authType()).isEqualTo(AuthType.API_KEY);
				});
			});
	}

	@Test
	void revocationConfiguredThenVerifierRefusesKeysOnTheDenyList() {
		WireMockServer authService = AuthServiceStub.server();
		String path = "/tenant-" + UUID.randomUUID();
		authService.stubFor(get(path + "/api-keys/verify").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"user_id\":\"api-key\",\"tenant_id\":\"" + UUID.randomUUID()
					+ "\",\"email\":\"api-key@system\",\"roles\":[\"api-key\"],\"permissions\":[],\"is_superuser\":false}")));
		String revoked = "sk_" + UUID.randomUUID().toString().replace("-", "");
		String other = "sk_" + UUID.randomUUID().toString().replace("-", "");
		this.runner.withConfiguration(AutoConfigurations.of(RevocationAutoConfiguration.class))
			.withPropertyValues("platform.security.auth-service-url=" + AuthServiceStub.baseUrl() + path)
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisRevokedTokens.class);
				context.getBean(RevokedTokens.class)
					.revoke(ApiKeys.cacheKey(revoked), Instant.now().plus(Duration.ofMinutes(5)));
				ApiKeyVerifier verifier = context.getBean(ApiKeyVerifier.class);
				assertThat(verifier.verify(revoked)).isEmpty();
				// the first call of a fresh client can time out on a loaded machine;
				// failures are
				// not cached, so asking again is a fresh attempt
				await().atMost(Duration.ofSeconds(10))
					.pollInSameThread()
					.untilAsserted(() -> assertThat(verifier.verify(other)).isPresent());
				authService.verify(0, getRequestedFor(urlEqualTo(path + "/api-keys/verify")).withHeader("Authorization",
						equalTo("Bearer " + revoked)));
			});
	}

	@Test
	void verdictSourceWhenUserDefinedThenItsVerdictsCachedButNeverPastTheKeysExpiry() {
		AuthPrincipal principal = new AuthPrincipal(AuthPrincipal.SERVICE_KEY_USER, UUID.randomUUID().toString(),
				AuthPrincipal.SERVICE_KEY_EMAIL, List.of("api-key"), List.of(), false, AuthType.API_KEY,
				UUID.randomUUID().toString());
		String lasting = "sk_" + UUID.randomUUID().toString().replace("-", "");
		String expired = "sk_" + UUID.randomUUID().toString().replace("-", "");
		AtomicInteger asked = new AtomicInteger();
		ApiKeyVerdictSource source = (key) -> {
			asked.incrementAndGet();
			return ApiKeyVerdict.validUntil(principal,
					key.equals(expired) ? Instant.now().minusSeconds(1) : Instant.now().plusSeconds(3600));
		};
		this.runner.withBean(ApiKeyVerdictSource.class, () -> source).run((context) -> {
			ApiKeyVerifier verifier = context.getBean(ApiKeyVerifier.class);
			assertThat(verifier.verify(lasting)).contains(principal);
			assertThat(verifier.verify(lasting)).contains(principal);
			assertThat(asked).hasValue(1);
			assertThat(verifier.verify(expired)).contains(principal);
			assertThat(verifier.verify(expired)).contains(principal);
			assertThat(asked).hasValue(3);
		});
	}

	@Test
	void verifyWhenVerdictHeldInProcessThenNoSharedCacheReadUntilForgotten() {
		String key = "sk_" + UUID.randomUUID().toString().replace("-", "");
		AtomicInteger asked = new AtomicInteger();
		ApiKeyVerdictSource source = (presented) -> {
			asked.incrementAndGet();
			return ApiKeyVerdict.INVALID;
		};
		this.runner.withBean(ApiKeyVerdictSource.class, () -> source).run((context) -> {
			CachingApiKeyVerifier verifier = context.getBean(CachingApiKeyVerifier.class);
			JsonCache cache = context.getBean(JsonCache.class);
			assertThat(verifier.verify(key)).isEmpty();
			assertThat(cache.get(ApiKeys.cacheKey(key), ApiKeyVerdict.class)).contains(ApiKeyVerdict.INVALID);
			// gone from the shared cache: this process still holds it
			cache.evict(ApiKeys.cacheKey(key));
			assertThat(verifier.verify(key)).isEmpty();
			assertThat(asked).hasValue(1);
			verifier.forget(ApiKeys.cacheKey(key));
			assertThat(verifier.verify(key)).isEmpty();
			assertThat(asked).hasValue(2);
			verifier.forget(ApiKeys.cacheKey(key));
			assertThat(cache.get(ApiKeys.cacheKey(key), ApiKeyVerdict.class)).isEmpty();
		});
	}

	@Test
	void apiKeyVerifierWhenUserDefinedThenBacksOff() {
		ApiKeyVerifier custom = (key) -> Optional.empty();
		this.runner.withBean("customVerifier", ApiKeyVerifier.class, () -> custom)
			.run((context) -> assertThat(context).getBean(ApiKeyVerifier.class).isSameAs(custom));
	}

	@Test
	void resourceServerAbsentThenNothingRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyVerifier.class));
	}

}
