package dev.declaude.aspects;

import dev.declaude.error.ClaudeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which failures of a woven method become declaude exceptions; see {@link
 * ErrorTranslationAspect} for the mapping. The official SDK is optional: its types are named only
 * in {@link AnthropicSdkErrors}, which is loaded only when the SDK was found on the class path, so
 * code without the SDK never meets a {@link NoClassDefFoundError}.
 */
final class ForeignFailures {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorTranslationAspect.class);

  static final String SDK_MARKER_CLASS = "com.anthropic.errors.AnthropicServiceException";
  private static final boolean SDK_PRESENT = isPresent(SDK_MARKER_CLASS);

  private ForeignFailures() {}

  /**
   * Returns the declaude exception for {@code failure}, or {@code failure} itself when it is
   * already one or is not a failure declaude knows.
   *
   * @param what the method that failed, for the message of an I/O failure, such as {@code
   *     "Bot.answer(..)"}
   */
  static Throwable translate(Throwable failure, String what) {
    if (failure instanceof ClaudeException) {
      return failure;
    }
    Throwable typed = typed(failure, what);
    if (typed != failure) {
      LOG.debug(
          "{} threw {}; rethrown as {}",
          what,
          failure.getClass().getName(),
          typed.getClass().getName());
    }
    return typed;
  }

  private static Throwable typed(Throwable failure, String what) {
    if (SDK_PRESENT && AnthropicSdkErrors.isSdkFailure(failure)) {
      return AnthropicSdkErrors.translate(failure, what);
    }
    if (failure instanceof IOException && IoFailures.isNetwork((IOException) failure)) {
      return IoFailures.translate((IOException) failure, failure, what);
    }
    if (failure instanceof UncheckedIOException
        && failure.getCause() instanceof IOException
        && IoFailures.isNetwork((IOException) failure.getCause())) {
      return IoFailures.translate((IOException) failure.getCause(), failure, what);
    }
    return failure;
  }

  /** Returns whether the official SDK is on the class path; checked once. */
  static boolean sdkPresent() {
    return SDK_PRESENT;
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, ForeignFailures.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
