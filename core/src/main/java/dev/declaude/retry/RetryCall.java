package dev.declaude.retry;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.StreamInterruptedException;
import dev.declaude.internal.ExceptionAccess;
import dev.declaude.internal.ratelimit.TokenBuckets;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.RateLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The state and rules of one call: its attempts, failures and deadline, and what to do before an
 * attempt and after a failure. Shared by the synchronous and asynchronous paths, which differ only
 * in how they wait.
 *
 * <p>Not thread-safe: a call's steps run one after another (the asynchronous path hands them from
 * thread to thread through futures and the scheduler, which publish its state safely).
 */
final class RetryCall {
  private final EngineParts parts;
  private final RetryPolicy policy;
  private final long deadline;
  private final Duration maxServerWait;
  private final List<ClaudeException> failures = new ArrayList<>();
  private final TokenCost cost;
  private final Function<Object, TokenCost> spent;
  private final boolean paced;
  private Reservation reservation;
  private int attempts;
  private int choice;
  private int attemptsOnChoice;

  /** Attempts that were probes of an outage and failed: they count against no limit. */
  private int freeProbes;

  /** When the backoff this attempt's probe cut short was to end; {@link #NO_PROBE} if none. */
  private long probedBackoffEnd = NO_PROBE;

  private static final long NO_PROBE = Long.MIN_VALUE;

  RetryCall(EngineParts parts, RetryPolicy policy) {
    this(parts, policy, TokenCost.NONE, null, true);
  }

  /**
   * Returns a call whose every attempt reserves {@code cost} of the token buckets, and whose
   * successful answer spent what {@code spent} says (null, or a function returning null: what it
   * reserved). An {@code unpaced} call (not {@code paced}) goes to an endpoint with limits of its
   * own: the pacer neither holds its attempts nor learns from their answers.
   */
  RetryCall(
      EngineParts parts,
      RetryPolicy policy,
      TokenCost cost,
      Function<Object, TokenCost> spent,
      boolean paced) {
    this.parts = parts;
    this.paced = paced;
    this.policy = policy;
    this.cost = cost;
    this.spent = spent;
    this.reservation = new Reservation(cost);
    long start = parts.time().millis();
    this.deadline = policy.maxElapsed().map(d -> start + d.toMillis()).orElse(Long.MAX_VALUE);
    this.maxServerWait = policy.maxServerWait().orElse(parts.maxServerWait());
  }

  /**
   * Returns the pacer's hold on the next attempt, or {@code null} to go now, telling listeners of a
   * hold. A caller that waits out the hold must {@link Pacer#release} it, or {@link Pacer#cancel}
   * it if it gives up.
   *
   * @throws ClaudeException the call's failure, when its turn would come after the deadline
   */
  PacingHold paceNextAttempt() {
    if (!paced) {
      return null;
    }
    TokenBuckets.Kind small = parts.pacer().tooSmallFor(cost);
    if (small != null) {
      throw stop(GiveUpReason.NOT_RETRYABLE, null, tooLarge(small), ErrorKind.INVALID_REQUEST);
    }
    reservation = new Reservation(cost);
    PacingHold hold =
        parts
            .pacer()
            .reserve(
                parts.time().millis(), deadline, parts.maxServerWait().toMillis(), reservation);
    if (hold == Pacer.REFUSED) {
      throw stop(GiveUpReason.DEADLINE, null, "the API rate limit holds it past its deadline");
    }
    if (hold != null) {
      parts.notifier().pacing(event(attempts + 1, hold.plannedMillis(), WaitSource.PACING, last()));
    }
    return hold;
  }

  /** Counts an attempt that is about to start; a first attempt also feeds the retry budget. */
  void attemptStarting() {
    attempts++;
    attemptsOnChoice++;
    if (attempts == 1) {
      parts.budget().recordFirstAttempt(parts.time().millis());
    }
  }

  /**
   * Records a successful attempt: the server is answering, so backoffs after server errors of this
   * client end early (see {@link Recovery}).
   */
  void succeeded(Object result) {
    TokenCost used = null;
    if (spent != null && !cost.isNone()) {
      try {
        used = spent.apply(result);
      } catch (RuntimeException e) {
        // What the answer spent is the caller's reading of it: a failure there costs no call.
        used = null;
      }
    }
    if (paced) {
      RateLimits limits = result instanceof ClaudeResponse r ? r.rateLimits() : null;
      parts.pacer().settle(reservation, limits, false, used);
      parts.pacer().answered();
    }
    parts.recovery().succeeded(parts.time().millis(), Pacer.RECOVERY_SPACING.toMillis());
  }

  /**
   * Records an attempt that ended with something other than a {@link ClaudeException}, which ends
   * the call: the failures of earlier attempts are attached to it as suppressed, so none is lost.
   */
  void abandoned(Throwable other) {
    if (paced) {
      parts.pacer().settle(reservation, null, false, null);
      parts.pacer().answered();
    }
    for (ClaudeException earlier : failures) {
      if (earlier != other) {
        other.addSuppressed(earlier);
      }
    }
  }

  /** Records an attempt abandoned because the call was cancelled; nothing is thrown to anyone. */
  void cancelled() {
    if (paced) {
      parts.pacer().settle(reservation, null, false, TokenCost.of(cost.inputTokens(), 0));
      parts.pacer().answered();
    }
  }

  /**
   * Records a failed attempt and returns the wait before retrying it.
   *
   * @throws ClaudeException the call's failure (this one, earlier ones suppressed in it), when it
   *     must not be retried
   */
  Wait onFailure(ClaudeException failure) {
    failures.add(failure);
    RateLimits limits = null;
    boolean refused = false;
    if (paced && failure instanceof ClaudeApiException) {
      // Failures carry rate-limit headers too; code outside our transport (aspects) has no other
      // feed.
      ClaudeApiException api = (ClaudeApiException) failure;
      parts.pacer().onResponse(api.metadata(), parts.maxServerWait().toMillis());
      limits = api.metadata().rateLimits();
      refused = api.status() == 429;
    }
    if (paced) {
      // A refused request spent nothing; any other failure may have had its input counted, but
      // generated nothing.
      parts.pacer().settle(reservation, limits, refused, TokenCost.of(cost.inputTokens(), 0));
      parts.pacer().answered();
    }
    parts.recovery().failed(failure.kind());
    long probed = probedBackoffEnd;
    probedBackoffEnd = NO_PROBE;
    if (probed != NO_PROBE && stillDown(failure)) {
      return resumeAfterProbe(failure, probed);
    }
    if (movesOn(failure)) {
      return moveOn(failure);
    }
    GiveUpReason reason = reasonNotToRetry(failure);
    if (reason != null) {
      throw stop(reason, null, null);
    }
    Optional<Duration> asked = RetrySignals.retryAfter(failure);
    if (asked.isPresent() && asked.get().compareTo(maxServerWait) > 0) {
      ExceptionAccess.get().addNote(failure, serverWaitNote(asked.get()));
      throw stop(GiveUpReason.SERVER_WAIT_TOO_LONG, null, null);
    }
    Wait wait = Wait.plan(policy, attempts - freeProbes, failure, parts.random());
    long bound = maxServerWait.toMillis();
    if (wait.source() == WaitSource.RETRY_AFTER && wait.millis() > bound) {
      // A retry-after of exactly the bound is honoured, but its spread may not carry it past.
      wait = new Wait(bound, WaitSource.RETRY_AFTER, bound);
    }
    long now = parts.time().millis();
    if (wait.millis() > deadline - now) {
      throw stop(GiveUpReason.DEADLINE, null, null);
    }
    if (!parts.budget().tryRetry(now)) {
      throw budgetSpent(failure);
    }
    parts
        .notifier()
        // Probes that found the server down count against no limit, so the call may make more.
        .retrying(
            event(attempts + 1, wait.millis(), wait.source(), failure),
            policy.maxAttempts() + freeProbes);
    return wait;
  }

  /**
   * Whether a probe's {@code failure} only says the server is still down: a failure to serve that
   * the policy would retry anyway.
   */
  private boolean stillDown(ClaudeException failure) {
    return failure.kind().isWithin(ErrorKind.SERVER) && reasonNeverToRetry(failure) == null;
  }

  /**
   * Sends the call back to the rest of the backoff its failed probe cut short, ending at {@code
   * backoffEnd} (or later, if the server now asks for more): the probe was the domain's look at a
   * server that may be back, sent on this call's behalf, so it counts against neither the call's
   * attempts nor the retry budget, whose retry this still is.
   */
  private Wait resumeAfterProbe(ClaudeException failure, long backoffEnd) {
    freeProbes++;
    attemptsOnChoice--;
    long now = parts.time().millis();
    long asked = RetrySignals.retryAfter(failure).map(Duration::toMillis).orElse(0L);
    if (asked > maxServerWait.toMillis()) {
      ExceptionAccess.get().addNote(failure, serverWaitNote(Duration.ofMillis(asked)));
      throw stop(GiveUpReason.SERVER_WAIT_TOO_LONG, null, null);
    }
    long rest = Math.max(0, backoffEnd - now);
    Wait wait =
        asked > rest
            ? new Wait(asked, WaitSource.RETRY_AFTER, asked)
            : new Wait(rest, WaitSource.BACKOFF, asked);
    if (wait.millis() > deadline - now) {
      throw stop(GiveUpReason.DEADLINE, null, null);
    }
    parts.notifier().stillDown(event(attempts + 1, wait.millis(), wait.source(), failure));
    return wait;
  }

  /** Returns which choice the next attempt is on: 0 the first, then each fallback in turn. */
  int choice() {
    return choice;
  }

  // Only overload is the model's own trouble: a rate limit is the organisation's, other failures
  // the request's.
  private boolean movesOn(ClaudeException failure) {
    return choice < policy.fallbacks()
        && failure.kind() == ErrorKind.OVERLOADED
        && !(failure instanceof StreamInterruptedException)
        && (policy.fallbackAtOnce()
            || !policy.retriesKind(ErrorKind.OVERLOADED)
            || attemptsOnChoice >= policy.maxAttempts());
  }

  /** Moves the call to its next choice at once, within its deadline and the retry budget. */
  private Wait moveOn(ClaudeException failure) {
    long now = parts.time().millis();
    if (now >= deadline) {
      throw stop(GiveUpReason.DEADLINE, null, null);
    }
    if (!parts.budget().tryRetry(now)) {
      throw budgetSpent(failure);
    }
    choice++;
    attemptsOnChoice = 0;
    parts.notifier().fallingBack(event(attempts + 1, 0, WaitSource.FALLBACK, failure));
    return new Wait(0, WaitSource.FALLBACK, 0);
  }

  /**
   * Returns an alarm for {@code wait} when it is a backoff after a server error (5xx, 529) that a
   * success elsewhere may cut short; else {@code null}. The waiter registers it with the client's
   * {@link Recovery} once ready to be woken, and removes it afterwards.
   */
  Alarm recoverable(Wait wait) {
    ClaudeException last = last();
    if (wait.millis() <= 0
        || wait.source() != WaitSource.BACKOFF
        || last == null
        || !last.kind().isWithin(ErrorKind.SERVER)) {
      return null;
    }
    return new Alarm(parts.time().millis(), wait.millis(), wait.leastMillis());
  }

  private String serverWaitNote(Duration asked) {
    return "not retried: the server asked to wait "
        + describe(asked)
        + " (retry-after), more than maxServerWait ("
        + describe(maxServerWait)
        + "); raise it with ClaudeClient.builder().maxServerWait(...) or @RetryOn(maxServerWaitMs = ...)"
        + " if waits that long are expected";
  }

  private static String describe(Duration d) {
    long seconds = d.getSeconds();
    if (seconds >= 2 * 86_400) {
      return (seconds / 86_400) + " days";
    }
    return seconds >= 120 ? (seconds / 60) + " minutes" : d.toMillis() + " ms";
  }

  /**
   * Tells listeners when a backoff set at {@code startMillis} was ended early by the recovery
   * signal: the server is back, or this call probes whether it is.
   */
  void endedEarly(Alarm alarm, long startMillis) {
    if (alarm.probed()) {
      probedBackoffEnd = alarm.plannedDueMillis();
    }
    if (alarm.movedEarlier()) {
      long waited = parts.time().millis() - startMillis;
      parts
          .notifier()
          .earlyRetry(event(attempts + 1, waited, WaitSource.RECOVERY, last()), alarm.probed());
    }
  }

  /** Returns the exception to throw when the thread was interrupted while waiting. */
  ClaudeException interrupted(InterruptedException interrupt) {
    return stop(
        GiveUpReason.INTERRUPTED, interrupt, "interrupted while the API rate limit held it");
  }

  private GiveUpReason reasonNotToRetry(ClaudeException failure) {
    GiveUpReason never = reasonNeverToRetry(failure);
    if (never != null) {
      return never;
    }
    return attemptsOnChoice >= policy.maxAttempts() ? GiveUpReason.ATTEMPTS_EXHAUSTED : null;
  }

  /** Returns why {@code failure} is not retried however many attempts are left, or null. */
  private GiveUpReason reasonNeverToRetry(ClaudeException failure) {
    // Text of the failed attempt already reached the caller: a retry would deliver it twice.
    if (failure instanceof StreamInterruptedException || !policy.retriesKind(failure.kind())) {
      return GiveUpReason.NOT_RETRYABLE;
    }
    return RetrySignals.serverForbidsRetry(failure) ? GiveUpReason.SERVER_FORBADE : null;
  }

  /** Says why a request larger than token bucket {@code small} can ever hold is not sent. */
  private String tooLarge(TokenBuckets.Kind small) {
    long need = small.need(cost.inputTokens(), cost.outputTokens());
    String what;
    switch (small) {
      case INPUT:
        what = "input tokens";
        break;
      case OUTPUT:
        what = "output tokens (its max_tokens)";
        break;
      default:
        what = "tokens (input and max_tokens together)";
    }
    return String.format(
        Locale.ROOT,
        "it needs %,d %s, more than the API's %s limit of %,d per minute can ever hold; shorten the"
            + " prompt or lower max_tokens, or ask Anthropic for a higher limit",
        need,
        what,
        small.family(),
        parts.pacer().tokenLimit(small));
  }

  private ClaudeException budgetSpent(ClaudeException failure) {
    RetryBudgetExhaustedException note =
        new RetryBudgetExhaustedException(
            "retry budget spent: not retrying "
                + failure.kind()
                + " after attempt "
                + attempts
                + "; this client's retries already reached "
                + parts.budget().describe());
    ClaudeException thrown = finish(note);
    parts.notifier().budgetExhausted(new GiveUpEvent(attempts, GiveUpReason.BUDGET_SPENT, thrown));
    parts.notifier().gaveUp(new GiveUpEvent(attempts, GiveUpReason.BUDGET_SPENT, thrown));
    return thrown;
  }

  /**
   * Ends the call: the last failure with earlier ones suppressed, or, if no attempt was made, a
   * {@link PacingException} saying {@code whyNoAttempt}.
   */
  private ClaudeException stop(GiveUpReason reason, Throwable note, String whyNoAttempt) {
    return stop(reason, note, whyNoAttempt, ErrorKind.RATE_LIMIT);
  }

  private ClaudeException stop(
      GiveUpReason reason, Throwable note, String whyNoAttempt, ErrorKind kindIfNone) {
    if (failures.isEmpty()) {
      PacingException e = new PacingException(kindIfNone, "Claude call not sent: " + whyNoAttempt);
      if (note != null) {
        e.addSuppressed(note);
      }
      parts.notifier().gaveUp(new GiveUpEvent(0, reason, e));
      return e;
    }
    ClaudeException thrown = finish(note);
    parts.notifier().gaveUp(new GiveUpEvent(attempts, reason, thrown));
    return thrown;
  }

  private ClaudeException finish(Throwable note) {
    ClaudeException last = last();
    for (ClaudeException earlier : failures.subList(0, failures.size() - 1)) {
      // The same instance may be thrown twice by a careless attempt; self-suppression is illegal.
      if (earlier != last) {
        last.addSuppressed(earlier);
      }
    }
    if (note != null) {
      last.addSuppressed(note);
    }
    ExceptionAccess.get().recordAttempts(last, attempts);
    return last;
  }

  private ClaudeException last() {
    return failures.isEmpty() ? null : failures.get(failures.size() - 1);
  }

  private static RetryEvent event(
      int attempt, long millis, WaitSource source, ClaudeException cause) {
    return new RetryEvent(
        attempt,
        cause == null ? null : cause.kind(),
        Duration.ofMillis(millis),
        source,
        cause == null ? null : RetrySignals.requestId(cause),
        cause);
  }
}
