package dev.declaude.aspects;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.internal.http.ErrorTranslator;
import dev.declaude.response.ResponseMetadata;

/** Declaude exceptions as core's translator makes them. */
final class Failures {
  private Failures() {}

  static ClaudeApiException status(int status) {
    return ErrorTranslator.translate(ResponseMetadata.ofStatus(status), "");
  }
}
