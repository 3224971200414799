package dev.declaude.internal.ratelimit;

/**
 * Moves a state's instants to another clock: how a domain carries what it knew from a store that
 * went away into this process's own store.
 */
interface TimeShift<T> {
  /** Returns {@code value} with every instant {@code deltaMillis} later. */
  T shifted(T value, long deltaMillis);
}
