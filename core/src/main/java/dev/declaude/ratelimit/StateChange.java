package dev.declaude.ratelimit;

/**
 * A change to a domain's state, which a {@link RateLimitStore} applies atomically.
 *
 * @param <T> the type of the state's values
 */
@FunctionalInterface
public interface StateChange<T> {
  /**
   * Returns the state after the change: a new value, or {@code current} itself when nothing changes
   * (the store then writes nothing).
   *
   * <p>A store shared between processes may call this more than once, with fresher values, when
   * another process changed the state first; only the value of the last call is kept. So it must
   * not change {@code current} in place, and must not act on the world: it may only note what it
   * decided.
   *
   * @param current the state now, never null ({@link RateLimitState#initial()} when there is none)
   * @param storeMillis the store's clock, in milliseconds: the time every process of the fleet
   *     reads alike
   */
  T apply(T current, long storeMillis);
}
