package dev.declaude.internal.rules;

import dev.declaude.annotation.ErrorKind;

/** The settings of one {@code @RetryOn}, and retries stacked with another library's. */
final class RetryChecks {
  private RetryChecks() {}

  /** Checks {@code r}, declared on {@code m}, or on the type when {@code m} is {@code null}. */
  static void retry(RetryDescription r, MethodDescription m, Findings f) {
    for (Located<ErrorKind> kind : r.kinds()) {
      report(f, Rule.RETRY_KIND, kind.location(), m, RetryBounds.kind(kind.value()));
    }
    report(
        f,
        Rule.RETRY_MAX_ATTEMPTS,
        r.maxAttempts().location(),
        m,
        RetryBounds.maxAttempts(r.maxAttempts().value()));
    delays(r, m, f);
    report(
        f,
        Rule.RETRY_MULTIPLIER,
        r.multiplier().location(),
        m,
        RetryBounds.multiplier(r.multiplier().value()));
    if (r.maxElapsedMs().value() < 0) {
      f.add(
          Rule.RETRY_MAX_ELAPSED,
          r.maxElapsedMs().location(),
          m,
          "maxElapsedMs is "
              + r.maxElapsedMs().value()
              + " but must be 0 (no deadline) or positive");
    }
    if (r.maxServerWaitMs().value() < 0) {
      f.add(
          Rule.RETRY_MAX_SERVER_WAIT,
          r.maxServerWaitMs().location(),
          m,
          "maxServerWaitMs is "
              + r.maxServerWaitMs().value()
              + " but must be 0 (the client's maxServerWait) or positive");
    }
  }

  private static void delays(RetryDescription r, MethodDescription m, Findings f) {
    long initial = r.initialDelayMs().value();
    long max = r.maxDelayMs().value();
    report(
        f,
        Rule.RETRY_DELAY,
        r.initialDelayMs().location(),
        m,
        RetryBounds.delay("initialDelayMs", initial, String.valueOf(initial)));
    report(
        f,
        Rule.RETRY_DELAY,
        r.maxDelayMs().location(),
        m,
        RetryBounds.delay("maxDelayMs", max, String.valueOf(max)));
    if (initial >= 0 && max >= 0) {
      report(
          f,
          Rule.RETRY_DELAY,
          r.initialDelayMs().location(),
          m,
          RetryBounds.delayOrder("initialDelayMs", initial, "maxDelayMs", max, ""));
    }
  }

  private static void report(
      Findings f, Rule rule, Location where, MethodDescription m, String problem) {
    if (problem != null) {
      f.add(rule, where, m, problem);
    }
  }

  /**
   * Warns when another library's retry annotation sits on a method that {@code @RetryOn} also
   * retries.
   */
  static void stacked(ServiceDescription s, MethodDescription m, Findings f) {
    if (m.retry() == null && s.retry() == null) {
      return;
    }
    for (Located<String> foreign : m.foreignRetries()) {
      String simple = foreign.value().substring(foreign.value().lastIndexOf('.') + 1);
      f.add(
          Rule.RETRY_STACKED,
          foreign.location(),
          m,
          "@"
              + simple
              + " ("
              + foreign.value()
              + ") and @RetryOn"
              + (m.retry() == null ? " on the type" : "")
              + " both retry "
              + m.name()
              + "; stacked retries multiply the attempts, so keep only one of them");
    }
  }
}
