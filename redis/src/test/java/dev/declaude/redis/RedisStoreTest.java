package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.internal.ratelimit.BucketMirror;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store on a real redis-server: changes are atomic across processes' stores, named safely, and
 * expire.
 */
class RedisStoreTest {
  private static final String KEY = "sk-ant-api03-THISKEYMUSTNEVERREACHREDIS";

  /** A counter: the simplest state to check that no change is lost. */
  private static final RateLimitState<Long> COUNTER =
      new RateLimitState<>() {
        @Override
        public String name() {
          return "counter";
        }

        @Override
        public Long initial() {
          return 0L;
        }

        @Override
        public String encode(Long value) {
          return value.toString();
        }

        @Override
        public Long decode(String text) {
          return Long.parseLong(text);
        }

        @Override
        public Duration idleExpiry() {
          return Duration.ofMinutes(1);
        }
      };

  private final RedisServer redis = RedisServer.start();
  private final List<RedisRateLimitStore> stores = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    stores.forEach(RedisRateLimitStore::close);
    redis.close();
  }

  private RedisRateLimitStore store() {
    RedisRateLimitStore store = RedisRateLimitStore.create(redis.uri());
    stores.add(store);
    return store;
  }

  @Test
  void concurrentChangesFromManyStoresAreNeverLost() throws Exception {
    // Given four stores (four processes' connections), four threads each, 50 increments per thread
    ExecutorService threads = Executors.newFixedThreadPool(16);
    List<Future<?>> done = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      RedisRateLimitStore store = store();
      for (int t = 0; t < 4; t++) {
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    store
                        .update("counting", COUNTER, 0, (n, now) -> n + 1)
                        .toCompletableFuture()
                        .join();
                  }
                }));
      }
    }
    for (Future<?> f : done) {
      f.get();
    }
    threads.shutdown();

    // Then every increment counted
    assertEquals(
        800L, store().update("counting", COUNTER, 0, (n, now) -> n).toCompletableFuture().join());
  }

  @Test
  void aChangeUsesRedissClockAndIsSeenByAnotherStore() {
    long before = System.currentTimeMillis();
    long[] seen = new long[1];
    store()
        .update(
            "clock",
            COUNTER,
            42,
            (n, now) -> {
              seen[0] = now;
              return n + 7;
            })
        .toCompletableFuture()
        .join();

    assertTrue(
        Math.abs(seen[0] - before) < 60_000, "Redis TIME in ms, not the caller's 42: " + seen[0]);
    assertEquals(
        7L, store().update("clock", COUNTER, 0, (n, now) -> n).toCompletableFuture().join());
  }

  @Test
  void keysNameTheDomainByItsHashNeverTheKeyAndExpireWhenIdle() {
    RateLimitDomain domain = RateLimitDomain.of("https://api.anthropic.com", KEY);
    RateLimitState<BucketMirror> requests = BucketMirror.state("requests");
    store()
        .update(
            domain.id(),
            requests,
            0,
            (m, now) -> m.afterReport(now, 1200, 10, null, false, 0, 1, Long.MIN_VALUE))
        .toCompletableFuture()
        .join();

    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> raw = client.connect()) {
      List<String> keys = raw.sync().keys("*");
      assertEquals(List.of("declaude:" + domain.id() + ":bucket.requests"), keys);
      for (String k : keys) {
        assertFalse(k.contains("THISKEY"), k);
        assertFalse(raw.sync().hgetall(k).toString().contains("THISKEY"));
        long ttl = raw.sync().pttl(k);
        assertTrue(
            ttl > 0 && ttl <= Duration.ofMinutes(10).toMillis(), "expires when idle: " + ttl);
      }
    } finally {
      client.shutdown();
    }
  }

  @Test
  void toStringShowsNoPassword() {
    RedisRateLimitStore store = RedisRateLimitStore.create("redis://:s3cret@127.0.0.1:1");
    stores.add(store);

    assertEquals("RedisRateLimitStore[redis://127.0.0.1:1]", store.toString());
  }
}
