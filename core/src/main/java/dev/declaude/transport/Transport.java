package dev.declaude.transport;

import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.MessageStream;
import dev.declaude.wire.CountTokensRequest;
import dev.declaude.wire.CountTokensResponse;
import dev.declaude.wire.MessageRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Carries requests to the Messages API and turns every failure into a typed {@code
 * ClaudeException}. One attempt per call: retrying is the retry engine's job. The client uses an
 * OkHttp transport of its own; another implementation (an in-memory one in a benchmark, say) plugs
 * in through the client builder.
 *
 * <p>Implementations are thread-safe.
 */
public interface Transport extends AutoCloseable {

  /** Sends a message request and returns the answer. */
  ClaudeResponse send(MessageRequest request, RequestOptions options);

  /** Sends a message request without blocking; cancelling the future cancels the HTTP call. */
  CompletableFuture<ClaudeResponse> sendAsync(MessageRequest request, RequestOptions options);

  /** Sends a message request with {@code stream: true} and returns its events as they arrive. */
  MessageStream stream(MessageRequest request, RequestOptions options);

  /** Counts the input tokens of a request. */
  CountTokensResponse countTokens(CountTokensRequest request, RequestOptions options);

  /**
   * Counts the input tokens of a request without blocking; cancelling the future cancels the HTTP
   * call. The default counts on the calling thread and returns a completed future, for transports
   * that never block.
   */
  default CompletableFuture<CountTokensResponse> countTokensAsync(
      CountTokensRequest request, RequestOptions options) {
    try {
      return CompletableFuture.completedFuture(countTokens(request, options));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Releases connections and threads. */
  @Override
  void close();
}
