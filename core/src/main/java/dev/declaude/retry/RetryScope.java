package dev.declaude.retry;

/**
 * Marks the thread while it runs an attempt of a retried call, so that a call made inside it (a
 * generated service called by a woven {@code @RetryOn} method, an official SDK call inside a
 * service's attempt) does not run a retry loop of its own: one logical call has one loop, the
 * outermost, and every inner call makes one attempt per outer attempt. Without it the loops
 * multiply: 3 × 3 = 9 requests for one call, while {@code attempts()} says 3.
 *
 * <p>Per thread, so thread-safe; it holds no state beyond the attempt running on this thread.
 */
final class RetryScope {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private RetryScope() {}

  /** Returns whether this thread is running an attempt of a retried call. */
  static boolean active() {
    return DEPTH.get()[0] > 0;
  }

  /** Runs an attempt inside the scope. */
  static <T> T run(Attempt<T> attempt) throws Throwable {
    int[] depth = DEPTH.get();
    depth[0]++;
    try {
      return attempt.run();
    } finally {
      depth[0]--;
    }
  }
}
