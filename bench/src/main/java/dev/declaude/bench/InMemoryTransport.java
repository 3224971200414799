package dev.declaude.bench;

import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.MessageStream;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.transport.RequestOptions;
import dev.declaude.transport.Transport;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.CountTokensRequest;
import dev.declaude.wire.CountTokensResponse;
import dev.declaude.wire.MessageRequest;
import dev.declaude.wire.MessageResponse;
import dev.declaude.wire.Usage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that answers every message request with the same canned response, without HTTP, so a
 * benchmark measures only what happens above the transport.
 *
 * <p>It keeps the last request in a field: the request escapes, as it would into a real transport's
 * serializer, so the JIT cannot optimise its allocation away on one path and not the other. Meant
 * for one benchmark thread; the field is not published safely.
 */
final class InMemoryTransport implements Transport {
  static final ClaudeResponse CANNED =
      new ClaudeResponse(
          new MessageResponse(
              "msg_bench",
              "message",
              "assistant",
              List.of(ContentBlock.text("It ships tomorrow.")),
              "claude-sonnet-4-6",
              "end_turn",
              null,
              new Usage(12, 5, null, null)),
          ResponseMetadata.ofStatus(200));

  private MessageRequest last;

  @Override
  public ClaudeResponse send(MessageRequest request, RequestOptions options) {
    last = request;
    return CANNED;
  }

  @Override
  public CompletableFuture<ClaudeResponse> sendAsync(
      MessageRequest request, RequestOptions options) {
    last = request;
    return CompletableFuture.completedFuture(CANNED);
  }

  @Override
  public MessageStream stream(MessageRequest request, RequestOptions options) {
    throw new UnsupportedOperationException("the in-memory transport does not stream");
  }

  @Override
  public CountTokensResponse countTokens(CountTokensRequest request, RequestOptions options) {
    throw new UnsupportedOperationException("the in-memory transport does not count tokens");
  }

  /** Returns the last request sent, for a sanity check after a run. */
  MessageRequest last() {
    return last;
  }

  @Override
  public void close() {}
}
