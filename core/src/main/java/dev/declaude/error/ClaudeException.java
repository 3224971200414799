package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.internal.ExceptionAccess;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The root of every exception declaude throws for a failed call: the API's documented errors,
 * timeouts and connection failures. Unchecked.
 *
 * <p>Every instance has one {@link #kind()}, the most specific; retry settings match kinds. When
 * retries are exhausted the last exception is thrown with the earlier ones attached as {@linkplain
 * #getSuppressed() suppressed}, and {@link #attempts()} says how many attempts were made.
 *
 * <p>No message, {@code toString} or log line of declaude contains the API key.
 */
public class ClaudeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static {
    ExceptionAccess.install(
        new ExceptionAccess() {
          @Override
          public void recordAttempts(RuntimeException e, int attempts) {
            if (attempts < 1) {
              throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
            }
            ((ClaudeException) e).attempts = attempts;
          }

          @Override
          public void addNote(RuntimeException e, String note) {
            ((ClaudeException) e).notes.add(Objects.requireNonNull(note, "note"));
          }
        });
  }

  private final ErrorKind kind;
  private volatile int attempts = 1;
  // What the retry engine adds when it stops: why it did not retry. Part of getMessage().
  private final List<String> notes = new CopyOnWriteArrayList<>();

  /**
   * Creates an exception of {@code kind}. A {@code null} cause leaves the cause unset rather than
   * set to null, so an adapter (the AspectJ translation of an official SDK exception, say) can
   * still attach the exception it translated with {@link #initCause}.
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

  /**
   * Returns how many attempts the call made before failing with this exception; 1 when not retried.
   * Every request sent counts, including probes of an outage sent on the call's behalf, which count
   * against no {@code maxAttempts} (see {@code WaitSource.RECOVERY}): this can exceed it.
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Returns the failure's message, followed by what the retry engine noted when it stopped (for
   * example that the server asked for a longer wait than the client allows).
   */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    if (notes.isEmpty()) {
      return message;
    }
    StringBuilder s = new StringBuilder(message == null ? "" : message);
    for (String note : notes) {
      s.append(s.length() == 0 ? "" : "; ").append(note);
    }
    return s.toString();
  }
}
