package io.temponest.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring test context at this run's fresh database (services connect as the
 * runtime role, Flyway as the owner role) and at Redis with this run's key prefix; the
 * service's connections go through {@link TestInfrastructure#postgresProxy()} and
 * {@link TestInfrastructure#redisProxy()} so that fault tests can cut either away.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PlatformTestInfrastructure {

	@Bean
	static DynamicPropertyRegistrar platformTestInfrastructureProperties() {
		return (registry) -> {
			TestInfrastructure infrastructure = TestInfrastructure.get();
			registry.add("spring.datasource.url", infrastructure::proxiedJdbcUrl);
			registry.add("spring.datasource.username", infrastructure::appRole);
			registry.add("spring.datasource.password", infrastructure::appPassword);
			// Cached test contexts stay open: with full idle pools, the contexts of
			// the modules a parallel build tests at once would hold most of the
			// server's connections.
			registry.add("spring.datasource.hikari.minimum-idle", () -> 1);
			registry.add("spring.flyway.url", infrastructure::jdbcUrl);
			registry.add("spring.flyway.user", infrastructure::ownerRole);
			registry.add("spring.flyway.password", infrastructure::ownerPassword);
			registry.add("spring.flyway.placeholders.app_role", infrastructure::appRole);
			registry.add("spring.data.redis.url", infrastructure::proxiedRedisUrl);
			registry.add("platform.redis.key-prefix", infrastructure::redisKeyPrefix);
		};
	}

}
