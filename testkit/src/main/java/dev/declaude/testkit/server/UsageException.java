package dev.declaude.testkit.server;

/** A command line the server cannot run with; its message says which option was wrong and why. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
