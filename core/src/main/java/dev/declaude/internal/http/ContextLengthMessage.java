package dev.declaude.internal.http;

import dev.declaude.error.ContextLengthExceededException;
import dev.declaude.error.FailedResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the two messages the API uses for a request that does not fit the context window. */
final class ContextLengthMessage {
  // Every model: "prompt is too long: 208310 tokens > 200000 maximum".
  private static final Pattern PROMPT_TOO_LONG =
      Pattern.compile("prompt is too long: (\\d{1,15}) tokens > (\\d{1,15}) maximum");
  // Models before Claude 4.5: "input length and `max_tokens` exceed context limit: 199759 + 8192 >
  // 200000, ...".
  private static final Pattern INPUT_AND_MAX_TOKENS =
      Pattern.compile(
          "input length and `?max_tokens`? exceed context limit: (\\d{1,15}) \\+ (\\d{1,15}) > (\\d{1,15})");

  private ContextLengthMessage() {}

  static boolean matches(FailedResponse response) {
    String message = response.apiMessage();
    return PROMPT_TOO_LONG.matcher(message).find() || INPUT_AND_MAX_TOKENS.matcher(message).find();
  }

  static ContextLengthExceededException exception(FailedResponse response) {
    String message = response.apiMessage();
    Matcher m = PROMPT_TOO_LONG.matcher(message);
    if (m.find()) {
      return new ContextLengthExceededException(
          response, Long.parseLong(m.group(1)), null, Long.parseLong(m.group(2)));
    }
    m = INPUT_AND_MAX_TOKENS.matcher(message);
    if (!m.find()) {
      throw new IllegalArgumentException("not a context-length message: " + message);
    }
    return new ContextLengthExceededException(
        response,
        Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)));
  }
}
