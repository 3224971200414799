package dev.declaude.woven;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/** Plays scripted failures, one per call, then answers {@code "ok"}; counts the calls. */
public final class Script {
  private final Deque<Throwable> failures;
  private final AtomicInteger calls = new AtomicInteger();

  private Script(Throwable... failures) {
    this.failures = new ArrayDeque<>(Arrays.asList(failures));
  }

  /** Returns a script that throws {@code failures} in order, then succeeds. */
  public static Script failing(Throwable... failures) {
    return new Script(failures);
  }

  /** Returns a script that always throws {@code failure}. */
  public static Script alwaysFailing(Throwable failure) {
    Throwable[] many = new Throwable[100];
    Arrays.fill(many, failure);
    return new Script(many);
  }

  /** Throws the next scripted failure, checked or not, or returns {@code "ok"}. */
  public String call() {
    calls.incrementAndGet();
    Throwable next = failures.poll();
    if (next != null) {
      throw Script.<RuntimeException>sneaky(next);
    }
    return "ok";
  }

  /** Returns how many times {@link #call()} ran. */
  public int calls() {
    return calls.get();
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
