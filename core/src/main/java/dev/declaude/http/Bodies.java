package dev.declaude.http;

import dev.declaude.error.MalformedResponseException;
import dev.declaude.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Reads response bodies. */
final class Bodies {
  // An error body larger than this is not the API's JSON; what was read is enough for the message.
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private Bodies() {}

  /**
   * Returns as much of an error body as arrives: a connection cut mid-body still yields the part read, so
   * the exception of the status is thrown with it rather than a bare connection error.
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
