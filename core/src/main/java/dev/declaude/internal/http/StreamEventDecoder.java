package dev.declaude.internal.http;

import dev.declaude.error.ClaudeException;
import dev.declaude.error.MalformedResponseException;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.wire.StreamEvent;
import java.io.IOException;

/**
 * Turns server-sent events of a Messages stream into {@link StreamEvent}s: an {@code error} event
 * becomes the typed exception of its {@code error.type}, JSON that does not parse becomes {@link
 * MalformedResponseException}. Stateless and thread-safe.
 */
public final class StreamEventDecoder {
  private StreamEventDecoder() {}

  /**
   * Returns the stream event of {@code sse}.
   *
   * @param metadata the metadata of the HTTP response carrying the stream, for the exception of an
   *     error
   * @throws ClaudeException for an {@code error} event or a frame that is not JSON
   */
  public static StreamEvent decode(SseEvent sse, ResponseMetadata metadata) {
    if ("error".equals(sse.event())) {
      throw ErrorTranslator.translate(metadata, sse.data());
    }
    try {
      StreamEvent event = WireJson.mapper().readValue(sse.data(), StreamEvent.class);
      if (event == null) {
        throw new MalformedResponseException("stream event " + sse.event() + " has no data", null);
      }
      if (event instanceof StreamEvent.Unknown u && "error".equals(u.type())) {
        // An error payload under another event name is still an error, never an event to skip.
        throw ErrorTranslator.translate(metadata, sse.data());
      }
      return event;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ClaudeException c) {
        throw c;
      }
      throw new MalformedResponseException(
          "stream event "
              + ErrorBodies.snippet(String.valueOf(sse.event()))
              + " is not the API's JSON: "
              + ErrorBodies.snippet(sse.data()),
          e);
    }
  }
}
