/**
 * The retry engine: {@link dev.declaude.retry.RetryPolicy} says what to retry and how long to wait,
 * {@link dev.declaude.retry.RetryEngine} runs calls under it (synchronously or without blocking), a
 * {@link dev.declaude.retry.RetryBudget} caps retries and a pacer holds attempts while the API's
 * rate limit has no room; budget, pacing and recovery keep their state in the engine's rate-limit
 * domain ({@code dev.declaude.ratelimit}). Time, sleep, scheduling and randomness are injected, so
 * every rule is tested on virtual time.
 *
 * <p>Uses only {@code dev.declaude.error}, {@code .annotation}, {@code .response} and the
 * rate-limit domains ({@code .ratelimit}, {@code .internal.ratelimit}): it retries any attempt,
 * whatever sends it.
 */
package dev.declaude.retry;
