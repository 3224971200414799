package dev.declaude.redis;

import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.ratelimit.StateChange;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate-limit domain store a fleet shares: every process whose clients use this store with the
 * same Redis paces one organisation's rate limit as one client, spends one retry budget, and hears
 * one recovery signal.
 *
 * <pre>{@code
 * ClaudeClient claude = ClaudeClient.builder().fromEnv()
 *     .rateLimitStore(RedisRateLimitStore.create("redis://redis.internal:6379"))
 *     .build();
 * }</pre>
 *
 * <p><b>What Redis holds.</b> Per domain (named by a keyed hash of the API key, never the key), one
 * hash per state: {@code declaude:<domain>:bucket.requests} (the mirror of the API's requests
 * bucket), {@code declaude:<domain>:budget.<window>} (the retry budget's counts) and {@code
 * declaude:<domain>:recovery} (recent outcomes and the backoffs a success may end), each expiring
 * when unchanged for a while (minutes); and the channel {@code declaude:<domain>:signal}, on which
 * one process tells the others which of their waiters the server's recovery releases, and when.
 * Every change is atomic: read, then a Lua compare-and-set that succeeds only if no other process
 * changed the state in between (else the change is applied again to the fresher state). The changes
 * a process makes to one state while the previous ones are on their way go together, in one read
 * and one compare-and-set. Time is Redis's own ({@code TIME}), so pods with skewed clocks agree.
 *
 * <p><b>When Redis is away.</b> Connecting is lazy (an application starts while Redis is down) and
 * a lost connection is re-established in the background. A command Redis cannot take now fails at
 * once, and one that gets no answer within a second is abandoned; a client waits at most {@link
 * #maxWait()} (100 ms by default) for Redis before it carries on with its own process's state (one
 * warning in the log), and shares again once Redis answers. No call ever fails because of the
 * store.
 *
 * <p>Thread-safe; one store per Redis is enough for a process. {@link #close()} releases its
 * connections.
 */
public final class RedisRateLimitStore implements RateLimitStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimitStore.class);
  private static final String PREFIX = "declaude:";
  private static final String SIGNAL = ":signal";

  /**
   * A change that meets other processes' changes this many times in a row gives up (and the call
   * goes on).
   */
  private static final int MAX_ROUNDS = 32;

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

  private final RedisURI uri;
  private final Duration maxWait;
  private final ClientResources resources;
  private final RedisClient client;
  private final Map<String, List<WeakReference<Consumer<String>>>> listeners =
      new ConcurrentHashMap<>();

  /** The changes of each state this process has yet to make; see {@link Changes}. */
  private final Map<String, Changes<?>> changes = new ConcurrentHashMap<>();

  /** The batches on their way, which {@link #close()} lets arrive. */
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

  private final Object lock = new Object();
  private CompletableFuture<StatefulRedisConnection<String, String>> connection;
  private CompletableFuture<StatefulRedisPubSubConnection<String, String>> pubSub;
  private boolean closed;

  private RedisRateLimitStore(RedisURI uri, Duration maxWait) {
    this.uri = uri;
    this.maxWait = maxWait;
    this.resources =
        ClientResources.builder()
            // Back soon after Redis is: the fleet shares again within a second or so.
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Fail at once while disconnected instead of queueing: the caller has its own state to
            // fall back on.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .build());
  }

  /**
   * Returns a store on the Redis at {@code uri}, such as {@code redis://redis:6379}, {@code
   * rediss://user:password@host:6380/2}. Starts connecting in the background and returns at once:
   * an application starts while Redis is down, and its clients share once Redis is up.
   *
   * @throws NullPointerException if {@code uri} is null
   * @throws IllegalArgumentException if {@code uri} is not a Redis URI
   */
  public static RedisRateLimitStore create(String uri) {
    return create(uri, Duration.ofMillis(100));
  }

  /**
   * Returns a store on the Redis at {@code uri} that callers wait at most {@code maxWait} for (100
   * ms with {@link #create(String)}): longer for a Redis in another region, or in tests on a loaded
   * machine.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code uri} is not a Redis URI, or {@code maxWait} is not
   *     positive
   */
  public static RedisRateLimitStore create(String uri, Duration maxWait) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isZero() || maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
    }
    RedisURI parsed;
    try {
      parsed = RedisURI.create(uri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a Redis URI, such as redis://host:6379: " + e.getMessage());
    }
    parsed.setTimeout(COMMAND_TIMEOUT);
    RedisRateLimitStore store = new RedisRateLimitStore(parsed, maxWait);
    // Start connecting now, without waiting: by the first call the connection is usually up.
    store.connection();
    return store;
  }

  @Override
  public <T> CompletionStage<T> update(
      String domain, RateLimitState<T> state, long localMillis, StateChange<T> change) {
    String key = PREFIX + domain + ":" + state.name();
    @SuppressWarnings("unchecked")
    Changes<T> changes =
        (Changes<T>) this.changes.computeIfAbsent(key, k -> new Changes<>(k, state));
    CompletableFuture<T> result = new CompletableFuture<>();
    if (changes.add(change, result)) {
      send(changes);
    }
    return result;
  }

  /**
   * The changes of one state this process has yet to make. They are sent in batches: while one
   * batch is on its way, later changes wait, then go together, applied one after another to the
   * state Redis has, in one read and one compare-and-set. A busy process thus makes few round
   * trips, and races only other processes.
   */
  private static final class Changes<T> {
    final String key;
    final RateLimitState<T> state;
    private final List<StateChange<T>> waiting = new ArrayList<>();
    private final List<CompletableFuture<T>> results = new ArrayList<>();
    private boolean sending;

    Changes(String key, RateLimitState<T> state) {
      this.key = key;
      this.state = state;
    }

    /** Queues a change; returns whether the caller must start sending (no batch is on its way). */
    synchronized boolean add(StateChange<T> change, CompletableFuture<T> result) {
      waiting.add(change);
      results.add(result);
      if (sending) {
        return false;
      }
      sending = true;
      return true;
    }

    /**
     * Takes the waiting changes as the next batch, or returns null and stops sending if there are
     * none.
     */
    synchronized Batch<T> next() {
      if (waiting.isEmpty()) {
        sending = false;
        return null;
      }
      Batch<T> batch = new Batch<>(List.copyOf(waiting), List.copyOf(results));
      waiting.clear();
      results.clear();
      return batch;
    }
  }

  private record Batch<T>(List<StateChange<T>> changes, List<CompletableFuture<T>> results) {}

  /** Sends the waiting changes of one state, batch after batch, until none wait. */
  private <T> void send(Changes<T> changes) {
    Batch<T> batch = changes.next();
    if (batch == null) {
      return;
    }
    CompletableFuture<List<T>> sent =
        connection()
            .thenCompose(
                c ->
                    c.async()
                        .<List<Object>>eval(Scripts.READ, ScriptOutputType.MULTI, changes.key)
                        .thenCompose(
                            read ->
                                attempt(
                                    c,
                                    changes,
                                    batch.changes(),
                                    (Long) read.get(0),
                                    (String) read.get(1),
                                    (String) read.get(2),
                                    0)));
    inFlight.add(sent);
    sent.whenComplete(
        (values, failure) -> {
          inFlight.remove(sent);
          for (int i = 0; i < batch.results().size(); i++) {
            if (failure != null) {
              batch.results().get(i).completeExceptionally(failure);
            } else {
              batch.results().get(i).complete(values.get(i));
            }
          }
          send(changes);
        });
  }

  /**
   * Applies a batch of changes, in order, to the state Redis had, and sets the result unless
   * another process was first (then again, on the fresher state). Returns the value each change
   * left.
   */
  private <T> CompletionStage<List<T>> attempt(
      StatefulRedisConnection<String, String> c,
      Changes<T> changes,
      List<StateChange<T>> batch,
      long now,
      String text,
      String version,
      int round) {
    T current = decode(changes.state, text);
    List<T> values = new ArrayList<>(batch.size());
    T next = current;
    for (StateChange<T> change : batch) {
      next = change.apply(next, now);
      values.add(next);
    }
    if (next == current) {
      return CompletableFuture.completedFuture(values);
    }
    if (round == MAX_ROUNDS) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "state "
                  + changes.key
                  + " was changed by other processes "
                  + MAX_ROUNDS
                  + " times in a row"));
    }
    String ttl = Long.toString(Math.max(1, changes.state.idleExpiry().toMillis()));
    return c.async()
        .<List<Object>>eval(
            Scripts.COMPARE_AND_SET,
            ScriptOutputType.MULTI,
            new String[] {changes.key},
            version == null ? "0" : version,
            changes.state.encode(next),
            ttl)
        .thenCompose(
            set ->
                ((Long) set.get(0)) == 1L
                    ? CompletableFuture.completedFuture(values)
                    : attempt(
                        c,
                        changes,
                        batch,
                        (Long) set.get(1),
                        (String) set.get(2),
                        (String) set.get(3),
                        round + 1));
  }

  private static <T> T decode(RateLimitState<T> state, String text) {
    if (text == null) {
      return state.initial();
    }
    try {
      return state.decode(text);
    } catch (IllegalArgumentException e) {
      // Written by another version of declaude: start again rather than misread it.
      LOG.debug("starting {} afresh: {}", state.name(), e.getMessage());
      return state.initial();
    }
  }

  @Override
  public CompletionStage<Void> publish(String domain, String message) {
    return connection()
        .thenCompose(c -> c.async().publish(PREFIX + domain + SIGNAL, message))
        .thenApply(receivers -> null);
  }

  @Override
  public AutoCloseable subscribe(String domain, Consumer<String> listener) {
    WeakReference<Consumer<String>> ref = new WeakReference<>(listener);
    listeners.compute(
        domain,
        (d, list) -> {
          List<WeakReference<Consumer<String>>> l =
              list == null ? new CopyOnWriteArrayList<>() : list;
          l.add(ref);
          return l;
        });
    subscribeAll();
    return () -> {
      List<WeakReference<Consumer<String>>> l = listeners.get(domain);
      if (l != null) {
        l.remove(ref);
      }
    };
  }

  @Override
  public Duration maxWait() {
    return maxWait;
  }

  @Override
  public CompletionStage<Void> ping() {
    // A probe also (re)subscribes: the pub/sub connection may have failed while Redis was away.
    subscribeAll();
    return connection().thenCompose(c -> c.async().ping()).thenApply(pong -> null);
  }

  /**
   * Subscribes to the channel of every domain with listeners; a failure waits for the next {@link
   * #ping()}.
   */
  private void subscribeAll() {
    String[] channels =
        listeners.keySet().stream().map(d -> PREFIX + d + SIGNAL).toArray(String[]::new);
    if (channels.length == 0) {
      return;
    }
    pubSub()
        .thenCompose(ps -> ps.async().subscribe(channels))
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                LOG.debug("subscribing to {} failed: {}", this, failure.toString());
              }
            });
  }

  private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException(this + " is closed"));
      }
      if (connection == null || connection.isCompletedExceptionally()) {
        connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
      }
      return connection;
    }
  }

  private CompletableFuture<StatefulRedisPubSubConnection<String, String>> pubSub() {
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException(this + " is closed"));
      }
      if (pubSub == null || pubSub.isCompletedExceptionally()) {
        pubSub =
            client
                .connectPubSubAsync(StringCodec.UTF8, uri)
                .toCompletableFuture()
                .thenApply(
                    ps -> {
                      ps.addListener(
                          new RedisPubSubAdapter<>() {
                            @Override
                            public void message(String channel, String message) {
                              deliver(channel, message);
                            }
                          });
                      return ps;
                    });
      }
      return pubSub;
    }
  }

  private void deliver(String channel, String message) {
    if (!channel.startsWith(PREFIX) || !channel.endsWith(SIGNAL)) {
      return;
    }
    String domain = channel.substring(PREFIX.length(), channel.length() - SIGNAL.length());
    List<WeakReference<Consumer<String>>> subscribed = listeners.get(domain);
    if (subscribed == null) {
      return;
    }
    for (WeakReference<Consumer<String>> ref : subscribed) {
      Consumer<String> listener = ref.get();
      if (listener == null) {
        subscribed.remove(ref);
        continue;
      }
      try {
        listener.accept(message);
      } catch (RuntimeException e) {
        LOG.warn("a rate-limit domain listener failed", e);
      }
    }
  }

  /**
   * Lets the changes on their way arrive (for at most a second), then closes the connections to
   * Redis and releases their threads; later changes fail (and clients carry on with their own
   * state).
   */
  @Override
  public void close() {
    try {
      CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0]))
          .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Whatever did not arrive is lost with the connection: these are pacing hints, not data.
    }
    CompletableFuture<StatefulRedisConnection<String, String>> c;
    CompletableFuture<StatefulRedisPubSubConnection<String, String>> ps;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      c = connection;
      ps = pubSub;
    }
    if (c != null) {
      c.thenAccept(StatefulRedisConnection::close);
    }
    if (ps != null) {
      ps.thenAccept(StatefulRedisPubSubConnection::close);
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  /** Returns {@code RedisRateLimitStore[redis://host:port]}: never a password. */
  @Override
  public String toString() {
    return "RedisRateLimitStore["
        + (uri.isSsl() ? "rediss" : "redis")
        + "://"
        + uri.getHost()
        + ":"
        + uri.getPort()
        + "]";
  }
}
