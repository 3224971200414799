package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.fail;

import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.retry.Attempt;
import dev.declaude.retry.RetryBudget;
import dev.declaude.retry.RetryEngine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Pods of one fleet in one JVM: each pod has its own store (its own connections, as a separate
 * process would) and its own engine, and they share one domain through a test's own Redis.
 */
final class Fleet implements AutoCloseable {
  final RedisServer redis;
  final RateLimitDomain domain;
  private final List<RedisRateLimitStore> stores = new ArrayList<>();

  Fleet(RedisServer redis, String domain) {
    this.redis = redis;
    this.domain = RateLimitDomain.named(domain);
  }

  /**
   * Returns a new pod's store, connected, that callers wait for as long as it takes: a pod that
   * gives up on a busy machine paces on its own, and these tests are about pods that share.
   */
  RedisRateLimitStore store() {
    RedisRateLimitStore store = RedisRateLimitStore.create(redis.uri(), Duration.ofSeconds(30));
    stores.add(store);
    store.ping().toCompletableFuture().join();
    return store;
  }

  /** Returns a new pod: an engine of the fleet's domain on a store of its own. */
  RetryEngine pod() {
    return pod(store());
  }

  RetryEngine pod(RedisRateLimitStore store) {
    return RetryEngine.builder()
        .rateLimitDomain(domain)
        .rateLimitStore(store)
        .budget(RetryBudget.unlimited())
        .build();
  }

  /** How one caller of a pod sends a call whose only attempt is {@code attempt}. */
  interface PodCall {
    void send(RetryEngine pod, Attempt<Boolean> attempt);
  }

  /**
   * Starts {@code pods} new pods with {@code callers} threads each, each thread sending {@code
   * calls} calls one after another through {@code call}; returns, once all are done, when each
   * call's attempt started ({@link System#currentTimeMillis}), earliest first.
   */
  List<Long> attemptStarts(int pods, int callers, int calls, PodCall call) throws Exception {
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    Attempt<Boolean> attempt = () -> starts.add(System.currentTimeMillis());
    ExecutorService threads = Executors.newFixedThreadPool(pods * callers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < pods; p++) {
        RetryEngine pod = pod();
        for (int c = 0; c < callers; c++) {
          done.add(
              threads.submit(
                  () -> {
                    for (int i = 0; i < calls; i++) {
                      call.send(pod, attempt);
                    }
                  }));
        }
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    return starts.stream().sorted().toList();
  }

  /**
   * Reads {@code state} from Redis until {@code test} holds (each read a round trip, or a refusal
   * while the first pod's store reconnects; at most 20 s).
   */
  <T> T await(RateLimitState<T> state, Predicate<T> test) {
    RedisRateLimitStore store = stores.get(0);
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      try {
        T value = store.update(domain.id(), state, 0, (v, now) -> v).toCompletableFuture().join();
        if (test.test(value)) {
          return value;
        }
      } catch (CompletionException notConnectedYet) {
        store.ping().toCompletableFuture().exceptionally(e -> null).join();
      }
    }
    return fail("Redis never showed the expected " + state.name());
  }

  /**
   * Waits (one round trip at a time, at most 20 s) until {@code n} connections listen to the
   * domain's channel.
   */
  void awaitListeners(int n) {
    RedisClient client = RedisClient.create(redis.uri());
    String channel = "declaude:" + domain.id() + ":signal";
    try (StatefulRedisConnection<String, String> raw = client.connect()) {
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < end) {
        Map<String, Long> subscribed = raw.sync().pubsubNumsub(channel);
        if (subscribed.getOrDefault(channel, 0L) >= n) {
          return;
        }
      }
      fail(n + " pods never listened to " + channel);
    } finally {
      client.shutdown();
    }
  }

  @Override
  public void close() {
    stores.forEach(RedisRateLimitStore::close);
  }
}
