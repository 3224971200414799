package dev.declaude.ratelimit;

import java.time.Duration;

/**
 * One kind of state a rate-limit domain keeps in a {@link RateLimitStore}: a mirror of one of the
 * server's buckets, the retry budget's counts, the recovery signal's outcomes and waiters. declaude
 * defines every kind; a store only keeps values of it, in memory as they are or, between processes,
 * as the text {@link #encode} makes.
 *
 * <p>Values are immutable: a store may hand the same instance to several threads.
 *
 * @param <T> the type of the state's values
 */
public interface RateLimitState<T> {
  /**
   * Returns the state's name within a domain, such as {@code bucket.requests}; letters, digits,
   * {@code .} and {@code -}.
   */
  String name();

  /** Returns the value of a domain that has no such state yet, or whose state expired. */
  T initial();

  /** Returns {@code value} as text, for stores outside this process. */
  String encode(T value);

  /**
   * Returns the value {@code text} encodes.
   *
   * @throws IllegalArgumentException if {@code text} is not a value of this state (another declaude
   *     version wrote it): the store then starts again from {@link #initial()}
   */
  T decode(String text);

  /**
   * Returns how long a store keeps the state after its last change: past that it is of no use to
   * anyone.
   */
  Duration idleExpiry();
}
