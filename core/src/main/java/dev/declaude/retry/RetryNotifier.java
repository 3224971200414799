package dev.declaude.retry;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import dev.declaude.internal.ServerText;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells listeners and the log what the engine does. Immutable, so thread-safe.
 *
 * <p>Retries are logged at INFO: a retry is rare in a healthy system, costs the caller time, and is
 * what an operator looks for first when calls are slow; the retry budget bounds their number.
 * Pacing waits and give-ups are DEBUG: pacing is expected under load, and a give-up reaches the
 * caller as an exception anyway. Lines hold the kind, status, error type, the API's own message and
 * the request id, never a non-API exception's message, which might echo request content.
 */
final class RetryNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(RetryEngine.class);

  private final List<RetryListener> listeners;

  RetryNotifier(List<RetryListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void retrying(RetryEvent e, int maxAttempts) {
    if (LOG.isInfoEnabled()) {
      LOG.info(
          "Retrying Claude call: attempt {} of {} after {}, waiting {} ms ({}), request-id {}",
          e.attempt(),
          maxAttempts,
          describe(e.failure()),
          e.delay().toMillis(),
          e.source(),
          e.requestId());
    }
    each(l -> l.onRetry(e));
  }

  /** A probe of an outage found the server still down: its call goes back to its backoff. */
  void stillDown(RetryEvent e) {
    LOG.debug(
        "Claude call probed the server: still down ({}), back to its backoff for {} ms, request-id {}",
        describe(e.failure()),
        e.delay().toMillis(),
        e.requestId());
    each(l -> l.onRetry(e));
  }

  // The caller, which knows the models, logs the move at INFO; here only the listeners hear of it.
  void fallingBack(RetryEvent e) {
    LOG.debug(
        "Claude call moves to fallback after {}, request-id {}",
        describe(e.failure()),
        e.requestId());
    each(l -> l.onRetry(e));
  }

  void earlyRetry(RetryEvent e, boolean probe) {
    LOG.debug(
        "Claude call retried early after {} ms: {}",
        e.delay().toMillis(),
        probe ? "probing whether the server is back" : "the server is back");
    each(l -> l.onEarlyRetry(e));
  }

  void pacing(RetryEvent e) {
    LOG.debug(
        "Pacing Claude call: attempt {} held {} ms for the API rate limit",
        e.attempt(),
        e.delay().toMillis());
    each(l -> l.onPacingWait(e));
  }

  void budgetExhausted(GiveUpEvent e) {
    LOG.info(
        "Not retrying Claude call after {}: retry budget spent, request-id {}",
        describe(e.failure()),
        RetrySignals.requestId(e.failure()));
    each(l -> l.onBudgetExhausted(e));
  }

  void gaveUp(GiveUpEvent e) {
    LOG.debug(
        "Claude call failed after {} attempt(s): {} ({}), request-id {}",
        e.attempts(),
        describe(e.failure()),
        e.reason(),
        RetrySignals.requestId(e.failure()));
    each(l -> l.onGiveUp(e));
  }

  private static String describe(ClaudeException failure) {
    if (failure instanceof ClaudeApiException) {
      ClaudeApiException api = (ClaudeApiException) failure;
      // The server's words are escaped and capped: a server must not be able to forge log lines.
      return failure.kind()
          + " ("
          + api.status()
          + " "
          + ServerText.escape(api.errorType())
          + ": "
          + ServerText.escape(api.apiMessage())
          + ")";
    }
    return String.valueOf(failure.kind());
  }

  private void each(Consumer<RetryListener> call) {
    for (RetryListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException ex) {
        // A listener must never change a call's outcome; its bug is reported, not propagated.
        LOG.warn("RetryListener {} threw; ignored", l, ex);
      }
    }
  }
}
