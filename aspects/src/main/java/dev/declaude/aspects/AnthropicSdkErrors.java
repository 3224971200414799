package dev.declaude.aspects;

import com.anthropic.core.JsonString;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import dev.declaude.ClaudeErrors;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import java.io.IOException;
import java.util.List;

/**
 * Translates the official Anthropic Java SDK's exceptions. The only class of this module that names
 * SDK types: {@link ForeignFailures} touches it only when the SDK is on the class path.
 *
 * <p>An {@code AnthropicServiceException} goes through core's error table ({@link ClaudeErrors})
 * with its status, headers and body, so the SDK's 529 becomes the same {@code OverloadedException}
 * declaude's own client throws, with the same request id, {@code retry-after} and rate limits. An
 * {@code SseException} has status 200 and is classified by its {@code error.type}, as the
 * translator does for every 2xx.
 */
final class AnthropicSdkErrors {
  private AnthropicSdkErrors() {}

  /** Returns whether {@code failure} is an SDK exception this class translates. */
  static boolean isSdkFailure(Throwable failure) {
    return failure instanceof AnthropicServiceException || failure instanceof AnthropicIoException;
  }

  /**
   * Returns the declaude exception of an SDK exception accepted by {@link #isSdkFailure}.
   *
   * @param what the method that failed, for the message of an I/O failure
   */
  static ClaudeException translate(Throwable failure, String what) {
    if (failure instanceof AnthropicServiceException) {
      return fromResponse((AnthropicServiceException) failure);
    }
    Throwable io = failure.getCause();
    return io instanceof IOException
        ? IoFailures.translate((IOException) io, failure, what)
        : IoFailures.connectionFailure(failure, what);
  }

  private static ClaudeApiException fromResponse(AnthropicServiceException e) {
    Headers headers = e.headers();
    return Causes.attach(
        ClaudeErrors.fromResponse(
            e.statusCode(), name -> first(headers.values(name)), bodyText(e.body())),
        e);
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  // The SDK keeps a JSON body as a tree and any other body (an HTML page, plain text) as a JSON
  // string.
  static String bodyText(JsonValue body) {
    if (body == null || body.isMissing() || body.isNull()) {
      return "";
    }
    if (body instanceof JsonString) {
      return ((JsonString) body).value();
    }
    try {
      return ObjectMappers.jsonMapper().writeValueAsString(body);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
