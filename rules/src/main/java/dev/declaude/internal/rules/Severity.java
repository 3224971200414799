package dev.declaude.internal.rules;

/** How bad a broken rule is. */
public enum Severity {
  /** The declaration cannot work: a compile error, and {@code create()} refuses it. */
  ERROR,
  /**
   * The declaration works but is probably not what was meant: a compiler warning, a log line at run
   * time.
   */
  WARNING
}
