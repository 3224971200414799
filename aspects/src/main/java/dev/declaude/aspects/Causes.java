package dev.declaude.aspects;

/**
 * Keeps the foreign exception a translation replaced, so its stack trace and details are not lost.
 */
final class Causes {
  private Causes() {}

  /**
   * Returns {@code typed} with {@code original} attached: as its cause when it has none yet, else
   * (its cause was fixed at construction) as a suppressed exception.
   */
  static <E extends Throwable> E attach(E typed, Throwable original) {
    if (typed.getCause() == original) {
      return typed;
    }
    if (typed.getCause() == null) {
      try {
        typed.initCause(original);
        return typed;
      } catch (IllegalStateException causeFixed) {
        // Constructed with an explicit null cause, which Throwable treats as set for good.
      }
    }
    typed.addSuppressed(original);
    return typed;
  }
}
