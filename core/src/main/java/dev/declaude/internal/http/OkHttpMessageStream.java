package dev.declaude.internal.http;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.ClaudeTimeoutException;
import dev.declaude.response.MessageStream;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.wire.StreamEvent;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Objects;
import okhttp3.Response;

/** A {@link MessageStream} read from an OkHttp response body. Not thread-safe. */
final class OkHttpMessageStream implements MessageStream {
  private final Response response;
  private final ResponseMetadata metadata;
  private final StreamTimer timer;
  private final SseParser parser;
  private StreamEvent next;
  private boolean stopped;
  private boolean closed;

  OkHttpMessageStream(
      Response response, ResponseMetadata metadata, StreamTimer timer, long maxEventBytes) {
    this.response = response;
    this.metadata = metadata;
    this.timer = timer;
    this.parser =
        new SseParser(
            Objects.requireNonNull(response.body()).source(),
            maxEventBytes,
            "the stream" + requestIdSuffix());
  }

  private String requestIdSuffix() {
    return metadata.requestId() == null ? "" : " (request-id " + metadata.requestId() + ")";
  }

  @Override
  public ResponseMetadata metadata() {
    return metadata;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !stopped && !closed) {
      next = readNext();
    }
    return next != null;
  }

  @Override
  public StreamEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    StreamEvent event = next;
    next = null;
    return event;
  }

  private StreamEvent readNext() {
    try {
      SseEvent sse;
      while ((sse = parser.next()) != null) {
        StreamEvent event = StreamEventDecoder.decode(sse, metadata);
        if (event instanceof StreamEvent.Ping || event instanceof StreamEvent.Unknown) {
          continue;
        }
        if (event instanceof StreamEvent.MessageStop) {
          stopped = true;
          // The answer is complete: release the connection now rather than when the caller closes.
          close();
        }
        return event;
      }
      throw new ClaudeConnectionException(
          "the stream ended before message_stop" + requestIdSuffix(), null);
    } catch (IOException e) {
      String what = "reading the stream" + requestIdSuffix();
      throw fail(
          timer.fired() != null
              ? new ClaudeTimeoutException(what + " timed out: " + timer.fired(), e)
              : ErrorTranslator.translate(e, what));
    } catch (ClaudeException e) {
      throw fail(e);
    }
  }

  private ClaudeException fail(ClaudeException e) {
    close();
    return e;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      timer.close();
      response.close();
    }
  }
}
