package dev.declaude.internal;

import dev.declaude.error.ClaudeException;
import java.util.Objects;

/**
 * Lets the retry engine record what it did on an exception it throws (how many attempts, why it stopped)
 * without a public mutator on {@link ClaudeException}: the error package installs the implementation when
 * {@code ClaudeException} is initialised, as the JDK's {@code SharedSecrets} do. Not an API.
 */
public abstract class ExceptionAccess {
  private static volatile ExceptionAccess instance;

  /** Installs the implementation; called once, from {@code ClaudeException}'s static initialiser. */
  public static void install(ExceptionAccess access) {
    instance = Objects.requireNonNull(access, "access");
  }

  /** Returns the implementation, initialising {@code ClaudeException} first if nothing has yet. */
  public static ExceptionAccess get() {
    ExceptionAccess a = instance;
    if (a == null) {
      try {
        Class.forName(ClaudeException.class.getName(), true, ClaudeException.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError("ClaudeException is on the class path of its own module", e);
      }
      a = instance;
    }
    return a;
  }

  /** Records how many attempts the call made; at least 1. */
  public abstract void recordAttempts(ClaudeException e, int attempts);

  /** Appends a sentence to the exception's message, after what the failure itself said. */
  public abstract void addNote(ClaudeException e, String note);
}
