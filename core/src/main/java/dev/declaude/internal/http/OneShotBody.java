package dev.declaude.internal.http;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body OkHttp may write once only. OkHttp re-sends a request on its own in a few cases
 * that {@code retryOnConnectionFailure(false)} does not cover, among them a 503 whose {@code
 * Retry-After} is 0 and 307/308 redirects; a one-shot body is the one thing that stops them all
 * (OkHttp then returns the response it has). Every retry is the retry engine's: counted, paced,
 * logged, within the budget.
 */
final class OneShotBody extends RequestBody {
  private final byte[] content;
  private final MediaType type;

  OneShotBody(byte[] content, MediaType type) {
    this.content = content;
    this.type = type;
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return content.length;
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.write(content);
  }
}
