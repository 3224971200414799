package dev.declaude.internal.http;

import dev.declaude.error.MalformedResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Reads response bodies, never more of one than a cap. */
final class Bodies {
  // An error body larger than this is not the API's JSON; what was read is enough for the message.
  private static final long MAX_ERROR_BODY = 64 * 1024;
  private static final long MIB = 1024 * 1024;

  private Bodies() {}

  /**
   * Returns as much of an error body as arrives: a connection cut mid-body still yields the part
   * read, so the exception of the status is thrown with it rather than a bare connection error.
   */
  static String readLeniently(Response response) {
    ResponseBody body = response.body();
    if (body == null) {
      return "";
    }
    Buffer read = new Buffer();
    try {
      BufferedSource source = body.source();
      while (read.size() < MAX_ERROR_BODY && source.read(read, 8192) != -1) {
        // keep reading
      }
    } catch (IOException e) {
      // What arrived before the break is all there is; the status already says what failed.
    }
    return read.readString(StandardCharsets.UTF_8);
  }

  /**
   * Returns a successful body read strictly (a body cut short is an {@link IOException}), never
   * buffering more than {@code maxBytes}.
   *
   * @throws MalformedResponseException if the body, or its declared {@code content-length}, exceeds
   *     the cap
   */
  static String readBounded(Response response, long maxBytes, String what) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return "";
    }
    if (body.contentLength() > maxBytes) {
      throw tooLarge(
          what,
          "is " + describeBytes(body.contentLength()) + " long (content-length), more than",
          maxBytes,
          "not read");
    }
    BufferedSource source = body.source();
    if (source.request(maxBytes + 1)) {
      throw tooLarge(what, "is longer than", maxBytes, "stopped reading there");
    }
    return source.getBuffer().readString(StandardCharsets.UTF_8);
  }

  private static MalformedResponseException tooLarge(
      String what, String size, long maxBytes, String done) {
    return new MalformedResponseException(
        "the "
            + what
            + " body "
            + size
            + " the "
            + describeBytes(maxBytes)
            + " cap (maxResponseBytes); "
            + done
            + ". Raise"
            + " ClaudeClient.builder().maxResponseBytes(...) if the API really sends such answers",
        null);
  }

  /** Returns a byte count as people read it: {@code 32 MiB}, {@code 1500 bytes}. */
  static String describeBytes(long bytes) {
    return bytes >= MIB && bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
  }

  static <T> T parse(String body, Class<T> type, String what) {
    try {
      T value = WireJson.mapper().readValue(body, type);
      if (value == null) {
        throw new MalformedResponseException("the " + what + " body is empty JSON", null);
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedResponseException m) {
        throw m;
      }
      throw new MalformedResponseException(
          "the " + what + " body is not the API's JSON: " + ErrorBodies.describeRaw(body), e);
    }
  }
}
