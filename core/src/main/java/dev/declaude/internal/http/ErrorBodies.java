package dev.declaude.internal.http;

import dev.declaude.error.FailedResponse;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.wire.ErrorBody;

/** Reads an error body, documented JSON or not, into a {@link FailedResponse}. */
final class ErrorBodies {
  // Enough to recognise a proxy's page in a log line, short enough not to flood it.
  private static final int SNIPPET = 200;

  private ErrorBodies() {}

  static FailedResponse read(ResponseMetadata metadata, String body) {
    String text = body == null ? "" : body;
    ErrorBody parsed = text.isBlank() ? null : ErrorTranslator.parse(text);
    if (!ErrorTranslator.isErrorJson(parsed)) {
      return new FailedResponse(null, null, describeRaw(text), metadata);
    }
    ErrorBody.Error error = parsed.error();
    return new FailedResponse(
        error.type(),
        error.errorCode(),
        error.message(),
        metadata.withRequestIdIfAbsent(ResponseHeaders.requestId(parsed.requestId())));
  }

  static String describeRaw(String text) {
    if (text.isBlank()) {
      return "empty body";
    }
    String trimmed = text.strip();
    String kind = trimmed.startsWith("<") ? "HTML body" : "body that is not the API's error JSON";
    return kind + ": " + snippet(trimmed);
  }

  static String snippet(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET) + "...";
  }
}
