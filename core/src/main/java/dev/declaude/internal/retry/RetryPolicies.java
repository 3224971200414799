package dev.declaude.internal.retry;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import dev.declaude.internal.rules.ReflectiveServiceReader;
import dev.declaude.internal.rules.RetryDescription;
import dev.declaude.internal.rules.RuleSet;
import dev.declaude.internal.rules.Severity;
import dev.declaude.internal.rules.Violation;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.retry.RetryPolicyBuilder;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds a {@link RetryPolicy} from a {@code @RetryOn} that the rule set has read and checked: the
 * one way an annotation becomes a policy, for generated services and woven code alike. Not an API.
 * Stateless and thread-safe.
 */
public final class RetryPolicies {
  private RetryPolicies() {}

  /**
   * Returns the policy of a checked description; {@code maxElapsedMs} and {@code maxServerWaitMs} 0
   * mean none.
   */
  public static RetryPolicy of(RetryDescription d) {
    RetryPolicyBuilder b =
        RetryPolicy.builder()
            .retryOn(d.kinds().stream().map(k -> k.value()).toArray(ErrorKind[]::new))
            .maxAttempts(d.maxAttempts().value())
            .backoff(
                Duration.ofMillis(d.initialDelayMs().value()),
                Duration.ofMillis(d.maxDelayMs().value()),
                d.multiplier().value())
            .jitter(d.jitter().value());
    if (d.maxElapsedMs().value() > 0) {
      b.maxElapsed(Duration.ofMillis(d.maxElapsedMs().value()));
    }
    if (d.maxServerWaitMs().value() > 0) {
      b.maxServerWait(Duration.ofMillis(d.maxServerWaitMs().value()));
    }
    return b.build();
  }

  /**
   * Reads, checks and builds the policy of an annotation met at run time (by the aspects).
   *
   * @param where the method it is on, for messages
   * @throws IllegalArgumentException if the annotation breaks a rule; the message lists each with
   *     its id
   */
  public static RetryPolicy checked(RetryOn retryOn, String where) {
    RetryDescription d = ReflectiveServiceReader.retry(retryOn, where);
    List<Violation> errors =
        RuleSet.standard().checkRetry(d, LocalDate.now(ZoneOffset.UTC)).stream()
            .filter(v -> v.severity() == Severity.ERROR)
            .collect(Collectors.toList());
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid @RetryOn on "
              + where
              + ": "
              + errors.stream().map(Violation::render).collect(Collectors.joining("; ")));
    }
    return of(d);
  }
}
