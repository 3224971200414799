package dev.declaude.internal.service;

import dev.declaude.annotation.ContextPolicy;
import dev.declaude.annotation.Overflow;
import dev.declaude.annotation.Role;
import dev.declaude.error.ContextLengthExceededException;
import dev.declaude.internal.rules.ContextDescription;
import dev.declaude.internal.rules.ModelInfo;
import dev.declaude.response.ContextTruncation;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Keeps one method's requests inside the model's context window, as its {@link ContextPolicy} says:
 * estimates the input before sending, drops the oldest history turns (only those) when truncating,
 * and after an API "prompt is too long" uses the API's own count to cut again and retries once.
 * Every budget is the context window less {@code max_tokens} less the policy's margin. Immutable
 * and thread-safe.
 */
final class ContextGuard {
  private final ContextDescription policy;
  private final ModelInfo model;
  private final TokenEstimates estimates;
  private final TokenCounter counter;

  /**
   * Counts a request's input tokens with the API ({@code count_tokens}), under the method's retry
   * policy.
   */
  interface TokenCounter {
    long count(MessageRequest request);

    CompletableFuture<Long> countAsync(MessageRequest request);
  }

  ContextGuard(
      ContextDescription policy, ModelInfo model, TokenEstimates estimates, TokenCounter counter) {
    this.policy = policy;
    this.model = model;
    this.estimates = estimates;
    this.counter = counter;
  }

  /** A request split into the part that may be dropped (the history) and the parts that may not. */
  record Parts(MessageRequest request, int historyFrom, int historyTo) {}

  /**
   * A request ready to send, the history turns dropped to make it fit, and their estimated tokens.
   */
  record Fitted(MessageRequest request, List<Message> dropped, long droppedTokens) {
    ContextTruncation truncation() {
      return dropped.isEmpty()
          ? ContextTruncation.NONE
          : new ContextTruncation(dropped.size(), droppedTokens);
    }
  }

  /** What a guarded call returned, and what was dropped from the request that got it. */
  record Guarded<T>(T value, ContextTruncation truncation) {}

  /** Sends through {@code send}, fitting first and recovering once from the API's overflow. */
  <T> Guarded<T> call(Parts parts, Function<MessageRequest, T> send) {
    Fitted fitted =
        fit(parts, policy.countTokens() ? apiFactor(counter.count(parts.request()), parts) : 0);
    try {
      return new Guarded<>(send.apply(fitted.request()), fitted.truncation());
    } catch (ContextLengthExceededException e) {
      Fitted again = cutAgain(fitted, parts, e);
      try {
        return new Guarded<>(send.apply(again.request()), again.truncation());
      } catch (ContextLengthExceededException still) {
        throw still.withDropped(again.dropped());
      }
    }
  }

  /**
   * Sends through {@code send} without blocking, fitting first and recovering once from the API's
   * overflow.
   */
  <T> CompletableFuture<Guarded<T>> callAsync(
      Parts parts, Function<MessageRequest, CompletableFuture<T>> send) {
    CompletableFuture<Double> factor =
        policy.countTokens()
            ? counter.countAsync(parts.request()).thenApply(counted -> apiFactor(counted, parts))
            : CompletableFuture.completedFuture(0.0);
    return factor.thenCompose(
        f -> {
          Fitted fitted = fit(parts, f);
          return send.apply(fitted.request())
              .thenApply(value -> new Guarded<>(value, fitted.truncation()))
              .exceptionallyCompose(failure -> retryOnce(failure, fitted, parts, send));
        });
  }

  private <T> CompletableFuture<Guarded<T>> retryOnce(
      Throwable failure,
      Fitted fitted,
      Parts parts,
      Function<MessageRequest, CompletableFuture<T>> send) {
    if (!(unwrap(failure) instanceof ContextLengthExceededException e)) {
      return CompletableFuture.failedFuture(unwrap(failure));
    }
    Fitted again = cutAgain(fitted, parts, e);
    return send.apply(again.request())
        .thenApply(value -> new Guarded<>(value, again.truncation()))
        .exceptionallyCompose(
            still ->
                CompletableFuture.failedFuture(
                    unwrap(still) instanceof ContextLengthExceededException c
                        ? c.withDropped(again.dropped())
                        : unwrap(still)));
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /**
   * Returns the request to send: as it is when it fits, else truncated or refused per the policy.
   *
   * @param apiFactor tokens per raw-estimated token from the API's own count, or 0 to use the
   *     calibration
   */
  Fitted fit(Parts parts, double apiFactor) {
    if (model == null) {
      // create() refuses a policy on a model whose window is unknown; a per-request model may still
      // be one.
      return new Fitted(parts.request(), List.of(), 0);
    }
    long budget = budget(model.contextWindow(), parts.request().maxTokens());
    double perRawToken = apiFactor > 0 ? apiFactor : estimates.factor(model.id());
    return truncate(parts, budget, perRawToken, null);
  }

  private long budget(long window, long maxTokens) {
    return window - maxTokens - policy.marginTokens().value();
  }

  private Fitted cutAgain(Fitted fitted, Parts parts, ContextLengthExceededException e) {
    if (policy.overflow() != Overflow.TRUNCATE_OLDEST) {
      throw e.withDropped(fitted.dropped());
    }
    // The API's count of this very request calibrates the estimate exactly.
    long raw = TokenEstimates.raw(fitted.request());
    double perRawToken = raw == 0 ? 1 : e.inputTokens() / (double) raw;
    // "prompt is too long" names no max_tokens, but the answer still needs its room.
    long maxTokens = e.maxTokens().orElse(fitted.request().maxTokens());
    long budget = budget(e.limit(), maxTokens);
    Parts remaining =
        new Parts(
            fitted.request(), parts.historyFrom(), parts.historyTo() - fitted.dropped().size());
    Fitted again = truncate(remaining, budget, perRawToken, e);
    List<Message> allDropped = new ArrayList<>(fitted.dropped());
    allDropped.addAll(again.dropped());
    return new Fitted(again.request(), allDropped, fitted.droppedTokens() + again.droppedTokens());
  }

  private Fitted truncate(
      Parts parts, long budget, double perRawToken, ContextLengthExceededException apiSaid) {
    List<Message> messages = parts.request().messages();
    long estimate = Math.round(TokenEstimates.raw(parts.request()) * perRawToken);
    if (estimate <= budget) {
      return new Fitted(parts.request(), List.of(), 0);
    }
    List<Message> dropped = new ArrayList<>();
    long droppedTokens = 0;
    int from = parts.historyFrom();
    if (policy.overflow() == Overflow.TRUNCATE_OLDEST) {
      while (estimate > budget && from < parts.historyTo()) {
        int next = endOfOldestUnit(messages, from, parts.historyTo());
        for (int i = from; i < next; i++) {
          dropped.add(messages.get(i));
          long tokens = Math.round(TokenEstimates.raw(messages.get(i)) * perRawToken);
          estimate -= tokens;
          droppedTokens += tokens;
        }
        from = next;
      }
    }
    if (estimate > budget) {
      throw tooLong(estimate, parts.request(), dropped, apiSaid);
    }
    List<Message> kept = new ArrayList<>(messages.subList(0, parts.historyFrom()));
    kept.addAll(messages.subList(from, messages.size()));
    return new Fitted(parts.request().withMessages(kept), dropped, droppedTokens);
  }

  /**
   * Returns where the history should start after dropping its oldest turn: past that turn and past
   * any turn it would orphan, an assistant turn or a user turn of tool results, so that what is
   * left still starts with a turn of the user's own.
   */
  static int endOfOldestUnit(List<Message> messages, int from, int to) {
    int next = from + 1;
    while (next < to
        && (messages.get(next).role() == Role.ASSISTANT || holdsToolResult(messages.get(next)))) {
      next++;
    }
    return next;
  }

  private static boolean holdsToolResult(Message m) {
    return !m.content().isText()
        && m.content().blocks().stream().map(ContentBlock::type).anyMatch("tool_result"::equals);
  }

  private ContextLengthExceededException tooLong(
      long estimate,
      MessageRequest request,
      List<Message> dropped,
      ContextLengthExceededException apiSaid) {
    if (apiSaid != null) {
      return apiSaid.withDropped(dropped);
    }
    return ContextLengthExceededException.estimated(
        estimate,
        request.maxTokens(),
        model.contextWindow(),
        policy.marginTokens().value(),
        dropped);
  }

  private static double apiFactor(long counted, Parts parts) {
    long raw = TokenEstimates.raw(parts.request());
    return raw == 0 ? 1 : counted / (double) raw;
  }
}
