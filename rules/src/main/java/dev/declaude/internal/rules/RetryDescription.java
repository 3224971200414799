package dev.declaude.internal.rules;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import java.util.List;
import java.util.Objects;

/**
 * The values of one {@code @RetryOn}, on a type or a method, each with where it was written.
 *
 * @param annotation the annotation as a whole
 * @param kinds the kinds retried, one location per array element
 * @param maxAttempts all attempts, the first included
 * @param initialDelayMs the first backoff wait
 * @param maxDelayMs the longest backoff wait
 * @param multiplier the backoff growth
 * @param maxElapsedMs the deadline, 0 for none
 * @param maxServerWaitMs the longest server-requested wait sat out, 0 for the client's bound
 * @param jitter how each backoff wait is randomised
 */
public record RetryDescription(
    Location annotation,
    List<Located<ErrorKind>> kinds,
    Located<Integer> maxAttempts,
    Located<Long> initialDelayMs,
    Located<Long> maxDelayMs,
    Located<Double> multiplier,
    Located<Long> maxElapsedMs,
    Located<Long> maxServerWaitMs,
    Located<Jitter> jitter) {

  public RetryDescription {
    Objects.requireNonNull(annotation, "annotation");
    kinds = List.copyOf(kinds);
    Objects.requireNonNull(maxAttempts, "maxAttempts");
    Objects.requireNonNull(initialDelayMs, "initialDelayMs");
    Objects.requireNonNull(maxDelayMs, "maxDelayMs");
    Objects.requireNonNull(multiplier, "multiplier");
    Objects.requireNonNull(maxElapsedMs, "maxElapsedMs");
    Objects.requireNonNull(maxServerWaitMs, "maxServerWaitMs");
    Objects.requireNonNull(jitter, "jitter");
  }
}
