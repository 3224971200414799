package dev.declaude.retry;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.ClaudeException;
import java.time.Duration;

/**
 * A wait before an attempt: a retry's backoff or {@code retry-after}, or the pacer holding an
 * attempt.
 *
 * @param attempt the number of the attempt that follows the wait, 1 for the first
 * @param kind the kind of the failure that caused the retry; {@code null} for pacing before a first
 *     attempt
 * @param delay how long the call waits
 * @param source where the wait came from
 * @param requestId the failed response's request id, or {@code null} (not an API failure, or none
 *     sent)
 * @param failure the failure that caused the retry; {@code null} for pacing before a first attempt
 */
public record RetryEvent(
    int attempt,
    ErrorKind kind,
    Duration delay,
    WaitSource source,
    String requestId,
    ClaudeException failure) {}
