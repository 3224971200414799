package dev.declaude.internal.service;

import dev.declaude.error.ClaudeException;
import dev.declaude.error.StreamInterruptedException;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.ContextTruncation;
import dev.declaude.response.MessageStream;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.transport.RequestOptions;
import dev.declaude.wire.MessageRequest;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream that has delivered its first text delta, or ended before any. Opening retries like any
 * request until that point, because nothing has reached the caller yet; after it, a failure is a
 * {@link StreamInterruptedException} carrying the text delivered, never a silent replay. Not
 * thread-safe.
 */
final class OpenedStream implements AutoCloseable {
  private final MessageStream events;
  private final StreamAccumulator answer = new StreamAccumulator();
  private final Consumer<ClaudeResponse> onComplete;
  private final CallMeter meter;
  private ContextTruncation truncation = ContextTruncation.NONE;
  private String pending;
  private boolean completed;

  private OpenedStream(MessageStream events, CallMeter meter, Consumer<ClaudeResponse> onComplete) {
    this.events = events;
    this.meter = meter;
    this.onComplete = onComplete;
  }

  /**
   * Opens the stream through the engine, retrying failures that come before the first text.
   *
   * @param models the model each attempt asks: the method's own, or a fallback once it is
   *     overloaded
   * @param meter counts each request, and is told when the stream breaks after its first text
   * @param onComplete told the whole answer once the stream has ended well
   */
  static OpenedStream open(
      ServiceRuntime runtime,
      RetryPolicy policy,
      ModelChoices.Call models,
      MessageRequest request,
      CallMeter meter,
      Consumer<ClaudeResponse> onComplete) {
    return runtime
        .engine()
        .executeWithFallbacks(
            policy,
            // A stream keeps its whole reservation: its usage comes at its end, and the next
            // answer's headers correct the copies of the token buckets.
            TokenCosts.reserved(request, runtime),
            null,
            choice -> {
              meter.attempt();
              OpenedStream s =
                  new OpenedStream(
                      runtime.transport().stream(
                          models.on(choice, request), RequestOptions.defaults()),
                      meter,
                      onComplete);
              try {
                s.pending = s.readText();
              } catch (RuntimeException e) {
                s.close();
                throw e;
              }
              return s;
            });
  }

  /**
   * Returns this stream, whose answer says that {@code dropped} turns were left out of its request.
   */
  OpenedStream withTruncation(ContextTruncation dropped) {
    this.truncation = dropped;
    return this;
  }

  /** Reads until the next text delta; returns it, or {@code null} when the stream has ended. */
  private String readText() {
    while (events.hasNext()) {
      String text = answer.accept(events.next());
      if (text != null && !text.isEmpty()) {
        return text;
      }
    }
    return null;
  }

  /** Returns the next text delta, or {@code null} at the end. */
  String nextText() {
    if (pending != null) {
      String text = pending;
      pending = null;
      return text;
    }
    String text;
    try {
      text = readText();
    } catch (ClaudeException e) {
      close();
      StreamInterruptedException interrupted = new StreamInterruptedException(answer.text(), e);
      meter.failed(interrupted);
      throw interrupted;
    }
    if (text == null && !completed) {
      completed = true;
      onComplete.accept(response());
    }
    return text;
  }

  /** Sends every remaining delta to {@code consumer}, then returns the whole answer. */
  ClaudeResponse drainTo(Consumer<? super String> consumer) {
    try (this) {
      for (String text = nextText(); text != null; text = nextText()) {
        consumer.accept(text);
      }
      return response();
    }
  }

  /** Returns the remaining deltas as a stream that releases the connection when closed. */
  Stream<String> asStream() {
    Iterator<String> it =
        new Iterator<>() {
          private String next;

          @Override
          public boolean hasNext() {
            if (next == null) {
              next = nextText();
            }
            return next != null;
          }

          @Override
          public String next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            String text = next;
            next = null;
            return text;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  private ClaudeResponse response() {
    return answer.response(events.metadata()).withTruncation(truncation);
  }

  @Override
  public void close() {
    events.close();
  }
}
