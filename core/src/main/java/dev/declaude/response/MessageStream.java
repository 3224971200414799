package dev.declaude.response;

import dev.declaude.wire.StreamEvent;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The events of a streamed response, read as they arrive. Close it when done (try-with-resources):
 * that releases the connection, also when the stream was not read to its end.
 *
 * <p>{@link #next()} throws the typed exception of an {@code event: error} frame, of a broken
 * connection ({@code ClaudeConnectionException}) or of a timeout ({@code ClaudeTimeoutException})
 * at the point where it happened, after every event that arrived before it. {@code ping}s and event
 * types this library does not know are skipped. Not thread-safe: one reader at a time.
 */
public interface MessageStream extends Iterator<StreamEvent>, AutoCloseable {

  /** Returns the metadata of the HTTP response that carries the stream: request id, rate limits. */
  ResponseMetadata metadata();

  /** Releases the connection; idempotent. */
  @Override
  void close();

  /**
   * Returns the remaining events as a sequential {@link Stream} that closes this one when closed.
   */
  default Stream<StreamEvent> events() {
    Spliterator<StreamEvent> split =
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false).onClose(this::close);
  }
}
