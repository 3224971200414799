package dev.declaude.retry;

import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Builds a {@link RetryEngine}. Every part has a real default: the system clocks and sleep, the
 * shared daemon {@link RetryScheduler#system() scheduler}, {@link ThreadLocalRandom}, {@link
 * RetryBudget#create()}, and a rate-limit domain of its own ({@link RateLimitDomain#unshared()}) in
 * the {@linkplain RateLimitStore#inProcess() in-process store}. Tests replace them with fakes.
 *
 * <p>Engines built with the same {@linkplain #rateLimitDomain domain}, store and time source share
 * the domain's pacing, retry budget and recovery; with a shared store, so do the engines of other
 * processes.
 *
 * <p>Not thread-safe.
 */
public final class RetryEngineBuilder {
  private TimeSource time = TimeSource.system();
  private Sleeper sleeper = Sleeper.system();
  private RetryScheduler scheduler = RetryScheduler.system();
  private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  private RetryBudget budget = RetryBudget.create();
  private boolean pacing = true;
  private RateLimitDomain domain;
  private RateLimitStore store = RateLimitStore.inProcess();
  private Duration maxServerWait = Pacer.DEFAULT_MAX_SERVER_WAIT;
  private final List<RetryListener> listeners = new ArrayList<>();

  RetryEngineBuilder() {}

  /**
   * Sets where the engine reads the time for deadlines, the budget's window and the default pacer.
   *
   * @throws NullPointerException if {@code time} is null
   */
  public RetryEngineBuilder timeSource(TimeSource time) {
    this.time = Objects.requireNonNull(time, "time");
    return this;
  }

  /**
   * Sets how synchronous calls wait.
   *
   * @throws NullPointerException if {@code sleeper} is null
   */
  public RetryEngineBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Sets how asynchronous calls wait.
   *
   * @throws NullPointerException if {@code scheduler} is null
   */
  public RetryEngineBuilder scheduler(RetryScheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Sets the source of jitter: each call must return a value in [0, 1).
   *
   * @throws NullPointerException if {@code random} is null
   */
  public RetryEngineBuilder random(DoubleSupplier random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * Sets the size of the retry budget the engine spends from its domain's counts; {@link
   * RetryBudget#unlimited()} turns it off.
   *
   * @throws NullPointerException if {@code budget} is null
   */
  public RetryEngineBuilder budget(RetryBudget budget) {
    this.budget = Objects.requireNonNull(budget, "budget");
    return this;
  }

  /**
   * Sets the longest wait a server may ask for ({@code retry-after}, a rate limit's {@code -reset})
   * that the engine believes: 2 minutes by default. A call whose failure asks for more fails at
   * once with that failure (its {@code retryAfter()} intact) instead of sleeping, unless its policy
   * sets its own bound; the default pacer ignores such waits and never holds a caller longer than
   * this.
   *
   * <p>Why a bound: one response (from a gateway, a proxy, or a bug) asking for a day's wait would
   * otherwise block every caller of the client for a day. The API's own waits are seconds to a
   * minute.
   *
   * @throws NullPointerException if {@code maxServerWait} is null
   * @throws IllegalArgumentException if {@code maxServerWait} is zero or negative
   */
  public RetryEngineBuilder maxServerWait(Duration maxServerWait) {
    Objects.requireNonNull(maxServerWait, "maxServerWait");
    if (maxServerWait.isZero() || maxServerWait.isNegative()) {
      throw new IllegalArgumentException(
          "maxServerWait must be > 0, was " + maxServerWait.toMillis() + " ms");
    }
    this.maxServerWait = maxServerWait;
    return this;
  }

  /**
   * Sets the rate-limit domain whose pacing, retry budget and recovery the engine shares: the
   * organisation behind the API key its calls use. An engine for woven code that calls the API with
   * the key of a {@code ClaudeClient} shares that client's domain with {@code
   * RateLimitDomain.of(baseUrl, apiKey)}. By default the engine shares nothing.
   *
   * @throws NullPointerException if {@code domain} is null
   */
  public RetryEngineBuilder rateLimitDomain(RateLimitDomain domain) {
    this.domain = Objects.requireNonNull(domain, "domain");
    return this;
  }

  /**
   * Sets where the domain's state lives: {@link RateLimitStore#inProcess()} by default, or a store
   * a fleet shares. A store that fails never fails a call: see {@link RateLimitStore}.
   *
   * @throws NullPointerException if {@code store} is null
   */
  public RetryEngineBuilder rateLimitStore(RateLimitStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Switches pacing from the API's rate-limit headers on (the default) or off. Off, no attempt is
   * ever held: every call goes at once and 429s are retried by policy alone.
   */
  public RetryEngineBuilder pacing(boolean on) {
    this.pacing = on;
    return this;
  }

  /**
   * Adds a listener; listeners are told of events in the order they were added.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public RetryEngineBuilder listener(RetryListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Returns an engine with these parts. */
  public RetryEngine build() {
    DomainParts shared =
        DomainParts.open(store, domain != null ? domain : RateLimitDomain.unshared(), time);
    return new RetryEngine(
        new EngineParts(
            time,
            sleeper,
            scheduler,
            random,
            new DomainBudget(budget, shared.shared),
            pacing ? shared.pacer : Pacer.off(time),
            shared.recovery,
            new RetryNotifier(listeners),
            maxServerWait));
  }
}
