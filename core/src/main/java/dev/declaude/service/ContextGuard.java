package dev.declaude.service;

import dev.declaude.annotation.ContextPolicy;
import dev.declaude.annotation.Overflow;
import dev.declaude.annotation.Role;
import dev.declaude.error.ContextLengthExceededException;
import dev.declaude.http.RequestOptions;
import dev.declaude.http.Transport;
import dev.declaude.rules.ModelInfo;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.CountTokensRequest;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Keeps one method's requests inside the model's context window, as its {@link ContextPolicy} says:
 * estimates the input before sending, drops the oldest history turns (only those) when truncating, and
 * after an API "prompt is too long" uses the API's own count to cut again and retries once. Immutable and
 * thread-safe.
 */
final class ContextGuard {
  private final ContextPolicy policy;
  private final ModelInfo model;
  private final TokenEstimates estimates;
  private final Transport transport;

  ContextGuard(ContextPolicy policy, ModelInfo model, TokenEstimates estimates, Transport transport) {
    this.policy = policy;
    this.model = model;
    this.estimates = estimates;
    this.transport = transport;
  }

  /** A request split into the part that may be dropped (the history) and the parts that may not. */
  record Parts(MessageRequest request, int historyFrom, int historyTo) {}

  /** A request ready to send, and the history turns dropped to make it fit. */
  record Fitted(MessageRequest request, List<Message> dropped) {}

  /** Sends through {@code send}, fitting first and recovering once from the API's overflow. */
  <T> T call(Parts parts, Function<MessageRequest, T> send) {
    Fitted fitted = fit(parts);
    try {
      return send.apply(fitted.request());
    } catch (ContextLengthExceededException e) {
      Fitted again = cutAgain(fitted, parts, e);
      try {
        return send.apply(again.request());
      } catch (ContextLengthExceededException still) {
        throw still.withDropped(again.dropped());
      }
    }
  }

  /** Sends through {@code send} without blocking, fitting first and recovering once from the API's overflow. */
  <T> CompletableFuture<T> callAsync(Parts parts, Function<MessageRequest, CompletableFuture<T>> send) {
    Fitted fitted;
    try {
      fitted = fit(parts);
    } catch (ContextLengthExceededException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send.apply(fitted.request()).exceptionallyCompose(failure -> {
      if (!(unwrap(failure) instanceof ContextLengthExceededException e)) {
        return CompletableFuture.failedFuture(failure);
      }
      Fitted again;
      try {
        again = cutAgain(fitted, parts, e);
      } catch (ContextLengthExceededException refused) {
        return CompletableFuture.failedFuture(refused);
      }
      return send.apply(again.request()).exceptionallyCompose(still -> CompletableFuture.failedFuture(
          unwrap(still) instanceof ContextLengthExceededException c ? c.withDropped(again.dropped()) : still));
    });
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** Returns the request to send: as it is when it fits, else truncated or refused per the policy. */
  Fitted fit(Parts parts) {
    if (model == null) {
      return new Fitted(parts.request(), List.of()); // an unknown model's window is unknown: let the API judge
    }
    long budget = (long) model.contextWindow() - parts.request().maxTokens() - policy.marginTokens();
    double perRawToken = policy.countTokens() ? apiFactor(parts.request()) : estimates.factor(model.id());
    return truncate(parts, budget, perRawToken, null);
  }

  private Fitted cutAgain(Fitted fitted, Parts parts, ContextLengthExceededException e) {
    if (policy.value() != Overflow.TRUNCATE_OLDEST) {
      throw e.withDropped(fitted.dropped());
    }
    // The API's count of this very request calibrates the estimate exactly.
    long raw = TokenEstimates.raw(fitted.request());
    double perRawToken = raw == 0 ? 1 : e.inputTokens() / (double) raw;
    long budget = e.limit() - e.maxTokens().orElse(0) - policy.marginTokens();
    Parts remaining = new Parts(fitted.request(), parts.historyFrom(),
        parts.historyTo() - fitted.dropped().size());
    Fitted again = truncate(remaining, budget, perRawToken, e);
    List<Message> allDropped = new ArrayList<>(fitted.dropped());
    allDropped.addAll(again.dropped());
    return new Fitted(again.request(), allDropped);
  }

  private Fitted truncate(Parts parts, long budget, double perRawToken, ContextLengthExceededException apiSaid) {
    List<Message> messages = parts.request().messages();
    long estimate = Math.round(TokenEstimates.raw(parts.request()) * perRawToken);
    if (estimate <= budget) {
      return new Fitted(parts.request(), List.of());
    }
    List<Message> dropped = new ArrayList<>();
    int from = parts.historyFrom();
    if (policy.value() == Overflow.TRUNCATE_OLDEST) {
      while (estimate > budget && from < parts.historyTo()) {
        int next = endOfOldestUnit(messages, from, parts.historyTo());
        for (int i = from; i < next; i++) {
          dropped.add(messages.get(i));
          estimate -= Math.round(TokenEstimates.raw(messages.get(i)) * perRawToken);
        }
        from = next;
      }
    }
    if (estimate > budget) {
      throw tooLong(estimate, parts.request(), dropped, apiSaid);
    }
    List<Message> kept = new ArrayList<>(messages.subList(0, parts.historyFrom()));
    kept.addAll(messages.subList(from, messages.size()));
    return new Fitted(parts.request().withMessages(kept), dropped);
  }

  /**
   * Returns where the history should start after dropping its oldest turn: past that turn and past any
   * turn it would orphan, an assistant turn or a user turn of tool results, so that what is left still
   * starts with a turn of the user's own.
   */
  static int endOfOldestUnit(List<Message> messages, int from, int to) {
    int next = from + 1;
    while (next < to && (messages.get(next).role() == Role.ASSISTANT || holdsToolResult(messages.get(next)))) {
      next++;
    }
    return next;
  }

  private static boolean holdsToolResult(Message m) {
    return !m.content().isText() && m.content().blocks().stream().map(ContentBlock::type).anyMatch("tool_result"::equals);
  }

  private ContextLengthExceededException tooLong(
      long estimate, MessageRequest request, List<Message> dropped, ContextLengthExceededException apiSaid) {
    if (apiSaid != null) {
      return apiSaid.withDropped(dropped);
    }
    return ContextLengthExceededException.estimated(
        estimate, request.maxTokens(), model.contextWindow(), policy.marginTokens(), dropped);
  }

  private double apiFactor(MessageRequest request) {
    long raw = TokenEstimates.raw(request);
    long counted;
    try {
      counted = transport.countTokens(CountTokensRequest.of(request), RequestOptions.defaults()).inputTokens();
    } catch (ContextLengthExceededException e) {
      // Whether count_tokens refuses an oversized prompt is not documented; if it does, its message counts.
      counted = e.inputTokens();
    }
    return raw == 0 ? 1 : counted / (double) raw;
  }
}
