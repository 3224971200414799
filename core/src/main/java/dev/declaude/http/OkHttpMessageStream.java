package dev.declaude.http;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeException;
import dev.declaude.response.MessageStream;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.wire.StreamEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Objects;
import okhttp3.Response;

/** A {@link MessageStream} read from an OkHttp response body. Not thread-safe. */
final class OkHttpMessageStream implements MessageStream {
  private final Response response;
  private final ResponseMetadata metadata;
  private final SseParser parser;
  private StreamEvent next;
  private boolean stopped;
  private boolean closed;

  OkHttpMessageStream(Response response, ResponseMetadata metadata) {
    this.response = response;
    this.metadata = metadata;
    this.parser = new SseParser(new BufferedReader(Objects.requireNonNull(response.body()).charStream()));
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
        }
        return event;
      }
      throw new ClaudeConnectionException(
          "the stream ended before message_stop (request-id " + metadata.requestId() + ")", null);
    } catch (IOException e) {
      throw fail(ErrorTranslator.translate(e, "reading the stream (request-id " + metadata.requestId() + ")"));
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
      response.close();
    }
  }
}
