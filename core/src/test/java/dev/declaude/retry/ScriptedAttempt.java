package dev.declaude.retry;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * An attempt that throws the scripted throwables in order, then returns {@code value}; counts runs.
 */
final class ScriptedAttempt<T> implements Attempt<T> {
  private final Deque<Throwable> failures;
  private final T value;
  int runs;

  private ScriptedAttempt(T value, Throwable... failures) {
    this.value = value;
    this.failures = new ArrayDeque<>(Arrays.asList(failures));
  }

  static <T> ScriptedAttempt<T> failingThen(T value, Throwable... failures) {
    return new ScriptedAttempt<>(value, failures);
  }

  static ScriptedAttempt<String> failing(Throwable... failures) {
    return new ScriptedAttempt<>(null, failures);
  }

  @Override
  public T run() throws Throwable {
    runs++;
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
    if (value == null) {
      throw new AssertionError("script ran out of failures");
    }
    return value;
  }
}
