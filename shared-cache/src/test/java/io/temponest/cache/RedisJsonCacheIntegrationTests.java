package io.temponest.cache;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.testsupport.PlatformTestInfrastructure;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisJsonCache} against the real Redis server, through the auto-configured bean.
 */
@SpringBootTest(classes = CacheTestApplication.class)
@AutoConfigureMockMvc
@Import(PlatformTestInfrastructure.class)
class RedisJsonCacheIntegrationTests {

	private static final String PREFIX = TestInfrastructure.get().redisKeyPrefix();

	@Autowired
	private JsonCache cache;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void getWhenTypedValueWasPutThenSameValueComesBack() {
		Profile profile = new Profile("ada", 36, List.of("admin", "developer"));
		this.cache.put("profile:1", profile, Duration.ofMinutes(1));
		assertThat(this.cache.get("profile:1", Profile.class)).contains(profile);
	}

	@Test
	void getOrComputeWhenMissThenComputedOnceAndCachedOnlyWhenCacheable() {
		java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
		Profile good = new Profile("good", 1, List.of());
		for (int i = 0; i < 3; i++) {
			assertThat(this.cache.getOrCompute("profile:good", Profile.class, Duration.ofMinutes(1), () -> {
				computed.incrementAndGet();
				return good;
			}, (profile) -> true)).isEqualTo(good);
		}
		assertThat(computed).hasValue(1);
		for (int i = 0; i < 3; i++) {
			this.cache.getOrCompute("profile:bad", Profile.class, Duration.ofMinutes(1), () -> {
				computed.incrementAndGet();
				return new Profile("bad", 0, List.of());
			}, (profile) -> profile.age() > 0);
		}
		assertThat(computed).hasValue(4);
		assertThat(this.cache.get("profile:bad", Profile.class)).isEmpty();
	}

	@Test
	void getWhenGenericValueWasPutThenSameListComesBack() {
		List<Profile> profiles = List.of(new Profile("ada", 36, List.of()), new Profile("alan", 41, List.of("qa")));
		this.cache.put("profiles:all", profiles, Duration.ofMinutes(1));
		assertThat(this.cache.get("profiles:all", new TypeReference<List<Profile>>() {
		})).contains(profiles);
	}

	@Test
	void putWhenTtlGivenThenRedisKeyExpiresWithinIt() {
		this.cache.put("ttl:1", "value", Duration.ofSeconds(30));
		Long ttl = this.redis.getExpire(PREFIX + "ttl:1");
		assertThat(ttl).isBetween(1L, 30L);
	}

	@Test
	void putWhenPrefixConfiguredThenOnlyPrefixedKeyIsWritten() {
		this.cache.put("prefixed:1", 42, Duration.ofMinutes(1));
		assertThat(this.redis.hasKey(PREFIX + "prefixed:1")).isTrue();
		assertThat(this.redis.hasKey("prefixed:1")).isFalse();
		assertThat(this.redis.opsForValue().get(PREFIX + "prefixed:1")).isEqualTo("42");
	}

	@Test
	void getWhenKeyEvictedThenEmpty() {
		this.cache.put("evict:1", "value", Duration.ofMinutes(1));
		this.cache.evict("evict:1");
		assertThat(this.cache.get("evict:1", String.class)).isEmpty();
		assertThat(this.redis.hasKey(PREFIX + "evict:1")).isFalse();
	}

	@Test
	void evictMatchingWhenMoreKeysThanOneScanPageThenDeletesAllMatchingAndNothingElse() {
		int count = RedisJsonCache.SCAN_PAGE_SIZE * 2 + 200;
		IntStream.range(0, count).forEach((i) -> this.cache.put("bulk:" + i, i, Duration.ofMinutes(1)));
		this.cache.put("bulkier:1", "other cache", Duration.ofMinutes(1));
		long deleted = this.cache.evictMatching("bulk:*");
		assertThat(deleted).isEqualTo(count);
		assertThat(this.cache.get("bulk:7", Integer.class)).isEmpty();
		assertThat(this.cache.get("bulkier:1", String.class)).contains("other cache");
	}

	@Test
	void getWhenHitAndMissThenCountedPerCacheName() {
		double hits = gets("metered", "hit");
		double misses = gets("metered", "miss");
		this.cache.put("metered:present", "value", Duration.ofMinutes(1));
		this.cache.get("metered:present", String.class);
		this.cache.get("metered:present", String.class);
		this.cache.get("metered:absent", String.class);
		assertThat(gets("metered", "hit") - hits).isEqualTo(2);
		assertThat(gets("metered", "miss") - misses).isEqualTo(1);
		assertThat(this.meterRegistry.get("cache.puts").tag("cache", "metered").counter().count()).isPositive();
	}

	@Test
	void getWhenStoredJsonDoesNotFitTypeThenMiss() {
		this.redis.opsForValue().set(PREFIX + "broken:1", "{not json", Duration.ofMinutes(1));
		assertThat(this.cache.get("broken:1", Profile.class)).isEmpty();
		assertThat(gets("broken", "miss")).isEqualTo(1);
	}

	private double gets(String cache, String result) {
		var counter = this.meterRegistry.find("cache.gets").tags("cache", cache, "result", result).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** A cached value. */
	record Profile(String name, int age, List<String> roles) {
	}

}
