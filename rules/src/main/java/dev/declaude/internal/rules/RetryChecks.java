package dev.declaude.internal.rules;

import dev.declaude.annotation.ErrorKind;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The settings of one {@code @RetryOn}, and retries stacked with another library's. */
final class RetryChecks {
  private static final String RETRYABLE = Arrays.stream(ErrorKind.values())
      .filter(ErrorKind::isRetryable)
      .map(ErrorKind::name)
      .collect(Collectors.joining(", "));

  private RetryChecks() {}

  /** Checks {@code r}, declared on {@code m}, or on the type when {@code m} is {@code null}. */
  static void retry(RetryDescription r, MethodDescription m, Findings f) {
    for (Located<ErrorKind> kind : r.kinds()) {
      if (!kind.value().isRetryable()) {
        f.add(Rule.RETRY_KIND, kind.location(), m,
            kind.value() + " cannot be fixed by retrying: the same request fails the same way again;"
                + " retry only " + RETRYABLE);
      }
    }
    if (r.maxAttempts().value() < 1) {
      f.add(Rule.RETRY_MAX_ATTEMPTS, r.maxAttempts().location(), m,
          "maxAttempts is " + r.maxAttempts().value() + " but must be at least 1 (it counts the first attempt);"
              + " use 1 for no retries");
    }
    delays(r, m, f);
    double multiplier = r.multiplier().value();
    if (!(multiplier >= 1)) {
      f.add(Rule.RETRY_MULTIPLIER, r.multiplier().location(), m,
          "multiplier " + multiplier + " is below 1, so waits would shrink; use 1 for a constant wait or more");
    }
    if (r.maxElapsedMs().value() < 0) {
      f.add(Rule.RETRY_MAX_ELAPSED, r.maxElapsedMs().location(), m,
          "maxElapsedMs is " + r.maxElapsedMs().value() + " but must be 0 (no deadline) or positive");
    }
    if (r.maxServerWaitMs().value() < 0) {
      f.add(Rule.RETRY_MAX_SERVER_WAIT, r.maxServerWaitMs().location(), m,
          "maxServerWaitMs is " + r.maxServerWaitMs().value()
              + " but must be 0 (the client's maxServerWait) or positive");
    }
  }

  private static void delays(RetryDescription r, MethodDescription m, Findings f) {
    long initial = r.initialDelayMs().value();
    long max = r.maxDelayMs().value();
    if (initial < 0) {
      f.add(Rule.RETRY_DELAY, r.initialDelayMs().location(), m,
          "initialDelayMs is " + initial + " but must not be negative");
    }
    if (max < 0) {
      f.add(Rule.RETRY_DELAY, r.maxDelayMs().location(), m, "maxDelayMs is " + max + " but must not be negative");
    }
    if (initial >= 0 && max >= 0 && initial > max) {
      f.add(Rule.RETRY_DELAY, r.initialDelayMs().location(), m,
          "initialDelayMs " + initial + " exceeds maxDelayMs " + max
              + "; lower initialDelayMs or raise maxDelayMs");
    }
  }

  /** Warns when another library's retry annotation sits on a method that {@code @RetryOn} also retries. */
  static void stacked(ServiceDescription s, MethodDescription m, Findings f) {
    if (m.retry() == null && s.retry() == null) {
      return;
    }
    for (Located<String> foreign : m.foreignRetries()) {
      String simple = foreign.value().substring(foreign.value().lastIndexOf('.') + 1);
      f.add(Rule.RETRY_STACKED, foreign.location(), m,
          "@" + simple + " (" + foreign.value() + ") and @RetryOn" + (m.retry() == null ? " on the type" : "")
              + " both retry " + m.name() + "; stacked retries multiply the attempts, so keep only one of them");
    }
  }
}
