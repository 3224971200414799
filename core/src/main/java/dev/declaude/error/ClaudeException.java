package dev.declaude.error;

import java.util.Objects;

/**
 * The root of every exception declaude throws for a failed call: the API's documented errors, timeouts
 * and connection failures. Unchecked.
 *
 * <p>Every instance has one {@link #kind()}, the most specific; retry settings match kinds. When retries
 * are exhausted the last exception is thrown with the earlier ones attached as {@linkplain
 * #getSuppressed() suppressed}, and {@link #attempts()} says how many attempts were made.
 *
 * <p>No message, {@code toString} or log line of declaude contains the API key.
 */
public class ClaudeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private volatile int attempts = 1;

  /**
   * Creates an exception of {@code kind}. A {@code null} cause leaves the cause unset rather than set to
   * null, so an adapter (the AspectJ translation of an official SDK exception, say) can still attach the
   * exception it translated with {@link #initCause}.
   */
  public ClaudeException(ErrorKind kind, String message, Throwable cause) {
    super(message);
    if (cause != null) {
      initCause(cause);
    }
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Returns what kind of failure this is. */
  public ErrorKind kind() {
    return kind;
  }

  /** Returns how many attempts the call made before failing with this exception; 1 when not retried. */
  public int attempts() {
    return attempts;
  }

  /**
   * Records how many attempts the call made. Called by the retry engine before it throws.
   *
   * @throws IllegalArgumentException if {@code attempts} is below 1
   */
  public void recordAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
    this.attempts = attempts;
  }
}
