package dev.declaude.internal;

import java.util.Objects;

/**
 * Lets the retry engine record what it did on an exception it throws (how many attempts, why it
 * stopped) without a public mutator on {@code ClaudeException}: the error package installs the
 * implementation when {@code ClaudeException} is initialised, as the JDK's {@code SharedSecrets}
 * do. Not an API.
 */
public abstract class ExceptionAccess {
  private static final String EXCEPTION_CLASS = "dev.declaude.error.ClaudeException";
  private static volatile ExceptionAccess instance;

  /**
   * Installs the implementation; called once, from {@code ClaudeException}'s static initialiser.
   */
  public static void install(ExceptionAccess access) {
    instance = Objects.requireNonNull(access, "access");
  }

  /** Returns the implementation, initialising {@code ClaudeException} first if nothing has yet. */
  public static ExceptionAccess get() {
    ExceptionAccess a = instance;
    if (a == null) {
      try {
        // By name: a reference to the class would make this package and the error package depend on
        // each other.
        Class.forName(EXCEPTION_CLASS, true, ExceptionAccess.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError("ClaudeException is on the class path of its own module", e);
      }
      a = instance;
    }
    return a;
  }

  /** Records how many attempts the call made on a {@code ClaudeException}; at least 1. */
  public abstract void recordAttempts(RuntimeException claudeException, int attempts);

  /**
   * Appends a sentence to a {@code ClaudeException}'s message, after what the failure itself said.
   */
  public abstract void addNote(RuntimeException claudeException, String note);
}
